import { describe, expect, it } from '@jest/globals';
import { dingtalkSignature, signedDingtalkUrl } from './dingtalk-sign.js';

// Expected values computed independently (Python hmac/hashlib/base64, urllib.parse.quote_plus).
const SECRET = 'SECb5e7f3d0a1c2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4';
const AT = 1_700_000_000_000;

describe('钉钉 signature', () => {
  it('is base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret', () => {
    expect(dingtalkSignature(SECRET, AT)).toBe('hWEu/RvmIfpGZ0113NLf4xLfIkYSf0Vud7SCxznTqVY=');
  });

  it('changes with the timestamp and the secret', () => {
    expect(dingtalkSignature(SECRET, AT + 1)).not.toBe(dingtalkSignature(SECRET, AT));
    expect(dingtalkSignature(`${SECRET}0`, AT)).not.toBe(dingtalkSignature(SECRET, AT));
  });

  it('goes into the URL url-encoded, beside the access token', () => {
    const url = signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def456', SECRET, AT);
    expect(url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc123def456&timestamp=1700000000000' +
        '&sign=hWEu%2FRvmIfpGZ0113NLf4xLfIkYSf0Vud7SCxznTqVY%3D',
    );
  });
});
