import { createHash } from 'node:crypto';
import { InvalidEnvironmentError } from '@app/config';
import { intSetting } from '@app/mail';

/**
 * Settings of the group-chat channels (企业微信 / 钉钉 robots), read from the environment.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | CHANNEL_SECRET_KEY | (required in production) | 32 bytes as 64 hex characters or base64: encrypts webhook URLs and secrets at rest (AES-256-GCM) |
 * | CHANNEL_WEBHOOK_REDIRECT | unset | http(s) origin that receives every webhook request instead of the services (a local listener); refused in production |
 * | CHANNEL_RATE_LIMIT | 20 | messages per robot per window, across all workers |
 * | CHANNEL_RATE_WINDOW_SECONDS | 60 | the limiter's window |
 * | CHANNEL_ATTEMPTS | 6 | tries of a post the service refused for its rate (or that could not connect) before it is failed |
 * | CHANNEL_BACKOFF_MS | 60000 | first retry delay, doubling |
 * | CHANNEL_CONCURRENCY | 2 | posts a worker sends at once |
 * | CHANNEL_TIMEOUT_MS | 10000 | how long a post waits for the service's answer; no answer makes the post "unknown" |
 * | CHANNEL_LEASE_MS | 120000 | a post claimed longer ago than this and still not settled was lost with its worker: "unknown" |
 */
export interface ChannelOptions {
  key: Buffer;
  /** No key was configured: a fixed development key is used (never in production). */
  keyIsDevelopmentDefault: boolean;
  redirect: string | null;
  ratePerWindow: number;
  rateWindowSeconds: number;
  attempts: number;
  backoffMs: number;
  concurrency: number;
  timeoutMs: number;
  leaseMs: number;
}

export const CHANNEL_OPTIONS = Symbol('CHANNEL_OPTIONS');

const DEVELOPMENT_KEY_SEED = 'kechuang development channel key (not for production)';

function parseKey(text: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === 32 && decoded.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')
    ? decoded
    : null;
}

export function readChannelOptions(raw: Record<string, string | undefined> = process.env): ChannelOptions {
  const production = raw.NODE_ENV === 'production';
  const problems: string[] = [];
  const keyText = raw.CHANNEL_SECRET_KEY?.trim() ?? '';
  let key: Buffer | null = null;
  if (keyText !== '') {
    key = parseKey(keyText);
    if (!key) problems.push('CHANNEL_SECRET_KEY: must be 32 bytes, as 64 hex characters or base64');
  } else if (production) {
    problems.push('CHANNEL_SECRET_KEY: required in production (32 random bytes, e.g. `openssl rand -hex 32`)');
  }
  const redirectText = raw.CHANNEL_WEBHOOK_REDIRECT?.trim() ?? '';
  let redirect: string | null = null;
  if (redirectText !== '') {
    if (production) problems.push('CHANNEL_WEBHOOK_REDIRECT: not allowed in production (it sends webhooks elsewhere)');
    else if (!/^https?:\/\/[^/?#]+\/?$/.test(redirectText))
      problems.push('CHANNEL_WEBHOOK_REDIRECT: must be an origin such as http://127.0.0.1:8025');
    else redirect = redirectText.replace(/\/$/, '');
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  return {
    key: key ?? createHash('sha256').update(DEVELOPMENT_KEY_SEED).digest(),
    keyIsDevelopmentDefault: key === null,
    redirect,
    ratePerWindow: intSetting(raw, 'CHANNEL_RATE_LIMIT', 20, 1, 1_000),
    rateWindowSeconds: intSetting(raw, 'CHANNEL_RATE_WINDOW_SECONDS', 60, 1, 3_600),
    attempts: intSetting(raw, 'CHANNEL_ATTEMPTS', 6, 1, 50),
    backoffMs: intSetting(raw, 'CHANNEL_BACKOFF_MS', 60_000, 10, 3_600_000),
    concurrency: intSetting(raw, 'CHANNEL_CONCURRENCY', 2, 1, 50),
    timeoutMs: intSetting(raw, 'CHANNEL_TIMEOUT_MS', 10_000, 100, 120_000),
    leaseMs: intSetting(raw, 'CHANNEL_LEASE_MS', 120_000, 1_000, 86_400_000),
  };
}
