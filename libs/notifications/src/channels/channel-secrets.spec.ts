import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { openSecret, redactSecret, redactUrl, sealSecret } from './channel-secrets.js';

describe('sealed secrets', () => {
  const key = randomBytes(32);
  const url = 'https://oapi.dingtalk.com/robot/send?access_token=1a2b3c4d5e6f7a8b9c0d';

  it('round-trip, and never hold the plain text', () => {
    const sealed = sealSecret(key, url);
    expect(sealed).not.toContain('1a2b3c4d');
    expect(Buffer.from(sealed.slice(3), 'base64').toString('latin1')).not.toContain('access_token');
    expect(openSecret(key, sealed)).toBe(url);
    expect(sealSecret(key, url)).not.toBe(sealed);
  });

  it('refuse another key or an altered text', () => {
    const sealed = sealSecret(key, url);
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => openSecret(key, `v1:${raw.toString('base64')}`)).toThrow();
  });

  it('redact to host and last four characters', () => {
    expect(redactUrl(url)).toBe('oapi.dingtalk.com/****9c0d');
    expect(redactSecret('SECabcdef0123')).toBe('****0123');
  });
});
