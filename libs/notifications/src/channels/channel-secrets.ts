import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a fresh IV: `v1:<base64 iv|tag|ciphertext>`. */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Throws when the text was sealed with another key or altered. */
export function openSecret(key: Buffer, sealed: string): string {
  const [version, payload] = sealed.split(':', 2);
  if (version !== VERSION || !payload) throw new Error('unknown sealed secret format');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** What logs and API answers show of a secret: its last four characters. */
export function redactSecret(secret: string): string {
  return secret === '' ? '' : `****${secret.slice(-4)}`;
}

/** What logs and API answers show of a webhook URL: its host and the last four characters of its token. */
export function redactUrl(url: string): string {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    host = '?';
  }
  return `${host}/****${url.slice(-4)}`;
}
