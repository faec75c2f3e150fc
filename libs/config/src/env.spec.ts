import { describe, expect, it } from '@jest/globals';
import { requireJwtSecret, validateEnv } from './env.js';

describe('validateEnv', () => {
  it('gives local defaults', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_TIMEZONE).toBe('Asia/Shanghai');
  });

  it('converts numbers from strings', () => {
    expect(validateEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('runs one API process unless told otherwise', () => {
    expect(validateEnv({}).API_PROCESSES).toBe(1);
    expect(validateEnv({ API_PROCESSES: '4' }).API_PROCESSES).toBe(4);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ API_PROCESSES: '0' }, 'API_PROCESSES'],
    [{ API_PROCESSES: 'two' }, 'API_PROCESSES'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ APP_TIMEZONE: 'Mars/Olympus' }, 'APP_TIMEZONE'],
    [{ APP_TODAY: '10/04/2023' }, 'APP_TODAY'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    // The development default of earlier versions: published, so anyone could sign tokens with it.
    [{ JWT_SECRET: 'local-development-secret-change-me-0123456789' }, 'JWT_SECRET'],
  ])('names the wrong variable %j', (raw, name) => {
    expect(() => validateEnv(raw)).toThrow(name);
  });

  it.each(['development', 'test', 'production'])(
    'has no signing key of its own in %s: the API must be given one',
    (NODE_ENV) => {
      const env = validateEnv({ NODE_ENV });
      expect(env.JWT_SECRET).toBeUndefined();
      expect(() => requireJwtSecret(env)).toThrow('JWT_SECRET');
    },
  );

  it('keeps evidence in PostgreSQL unless told otherwise, and needs every S3 setting for an object store', () => {
    expect(validateEnv({}).EVIDENCE_STORE).toBe('postgres');
    expect(validateEnv({}).EVIDENCE_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(() => validateEnv({ EVIDENCE_STORE: 'nfs' })).toThrow('EVIDENCE_STORE');
    const s3 = {
      EVIDENCE_STORE: 's3',
      EVIDENCE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      EVIDENCE_S3_BUCKET: 'evidence',
      EVIDENCE_S3_ACCESS_KEY_ID: 'id',
      EVIDENCE_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(validateEnv(s3).EVIDENCE_S3_REGION).toBe('us-east-1');
    expect(() => validateEnv({ ...s3, EVIDENCE_S3_BUCKET: '' })).toThrow(
      'EVIDENCE_S3_BUCKET: required when EVIDENCE_STORE=s3',
    );
    expect(() => validateEnv({ EVIDENCE_STORE: 's3' })).toThrow(
      'EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY',
    );
    expect(() => validateEnv({ ...s3, EVIDENCE_S3_ENDPOINT: 's3.example.com' })).toThrow('EVIDENCE_S3_ENDPOINT');
    expect(validateEnv({ EVIDENCE_MAX_BYTES: '52428800' }).EVIDENCE_MAX_BYTES).toBe(52_428_800);
  });

  it('hands over a signing key that was given', () => {
    const secret = 'k'.repeat(16) + 'e'.repeat(16);
    expect(requireJwtSecret(validateEnv({ JWT_SECRET: secret }))).toBe(secret);
  });
});
