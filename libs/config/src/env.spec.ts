import { describe, expect, it } from '@jest/globals';
import { validateEnv } from './env.js';

describe('validateEnv', () => {
  it('gives local defaults', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_TIMEZONE).toBe('Asia/Shanghai');
  });

  it('converts numbers from strings', () => {
    expect(validateEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ APP_TIMEZONE: 'Mars/Olympus' }, 'APP_TIMEZONE'],
    [{ APP_TODAY: '10/04/2023' }, 'APP_TODAY'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  ])('names the wrong variable %j', (raw, name) => {
    expect(() => validateEnv(raw)).toThrow(name);
  });
});
