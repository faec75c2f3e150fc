import { describe, expect, it } from '@jest/globals';
import { readChannelOptions } from './channel-options.js';

const KEY = 'a'.repeat(64);

describe('channel settings', () => {
  it('derive a fixed key outside production and say so', () => {
    const a = readChannelOptions({ NODE_ENV: 'test' });
    expect(a.keyIsDevelopmentDefault).toBe(true);
    expect(a.key).toEqual(readChannelOptions({ NODE_ENV: 'development' }).key);
    expect(a.key).toHaveLength(32);
  });

  it('refuse to start in production without a key or with the redirect', () => {
    expect(() => readChannelOptions({ NODE_ENV: 'production' })).toThrow('CHANNEL_SECRET_KEY: required in production');
    expect(() =>
      readChannelOptions({
        NODE_ENV: 'production',
        CHANNEL_SECRET_KEY: KEY,
        CHANNEL_WEBHOOK_REDIRECT: 'http://127.0.0.1:8026',
      }),
    ).toThrow('CHANNEL_WEBHOOK_REDIRECT: not allowed in production');
    expect(readChannelOptions({ NODE_ENV: 'production', CHANNEL_SECRET_KEY: KEY }).keyIsDevelopmentDefault).toBe(false);
  });

  it('take a key as hex or base64 and refuse other lengths', () => {
    expect(readChannelOptions({ CHANNEL_SECRET_KEY: KEY }).key).toEqual(Buffer.alloc(32, 0xaa));
    expect(readChannelOptions({ CHANNEL_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).key).toEqual(
      Buffer.alloc(32, 7),
    );
    expect(() => readChannelOptions({ CHANNEL_SECRET_KEY: 'short' })).toThrow('must be 32 bytes');
  });

  it('take the redirect as an origin only', () => {
    expect(readChannelOptions({ CHANNEL_WEBHOOK_REDIRECT: 'http://127.0.0.1:8026/' }).redirect).toBe(
      'http://127.0.0.1:8026',
    );
    expect(() => readChannelOptions({ CHANNEL_WEBHOOK_REDIRECT: 'http://127.0.0.1:8026/robot' })).toThrow(
      'must be an origin',
    );
  });
});
