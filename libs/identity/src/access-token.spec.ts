import { describe, expect, it } from '@jest/globals';
import { readAccessClaims } from './access-token.js';

describe('readAccessClaims', () => {
  const complete = {
    sub: '51e24c54-a45c-4fab-b10b-d68c96f38b04',
    sid: 'f6e4ea3f-0dc2-4d99-a134-5663430e43ff',
    iat: 1_681_072_664,
    exp: 1_681_073_564,
    iss: 'http://localhost:3000',
    aud: 'kechuang-api',
  };

  it('reads a complete payload', () => {
    expect(readAccessClaims(complete)).toEqual({
      sub: complete.sub,
      sid: complete.sid,
      iat: complete.iat,
      exp: complete.exp,
    });
  });

  it.each([
    ['no exp: it would never expire', { exp: undefined }],
    ['exp not after iat', { exp: complete.iat }],
    ['exp as text', { exp: '1681073564' }],
    ['no iat', { iat: undefined }],
    ['no session', { sid: undefined }],
    ['a session id that is no UUID (it would reach SQL)', { sid: "x' OR '1'='1" }],
    ['a user id that is no UUID', { sub: 'admin' }],
  ])('refuses %s', (_, change) => {
    expect(readAccessClaims({ ...complete, ...change })).toBeNull();
  });

  it.each([null, undefined, 'text', 42])('refuses a payload that is no object: %p', (payload) => {
    expect(readAccessClaims(payload)).toBeNull();
  });
});
