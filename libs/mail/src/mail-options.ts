/**
 * Settings of the outgoing mail transport that AppEnv does not (yet) hold, read from the
 * environment with defaults. A wrong value stops the process at start, naming the variable.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | MAIL_POOL_SIZE | 5 | SMTP connections kept open by the pooled transport (`maxConnections`) |
 * | MAIL_SOCKET_TIMEOUT_MS | 60000 | a connection silent this long is dropped and its message retried |
 */
export interface MailOptions {
  poolSize: number;
  socketTimeoutMs: number;
}

export const MAIL_OPTIONS = Symbol('MAIL_OPTIONS');

export function readMailOptions(raw: Record<string, string | undefined> = process.env): MailOptions {
  return {
    poolSize: intSetting(raw, 'MAIL_POOL_SIZE', 5, 1, 50),
    socketTimeoutMs: intSetting(raw, 'MAIL_SOCKET_TIMEOUT_MS', 60_000, 1_000, 600_000),
  };
}

/** An integer environment setting within bounds; the error names the variable. */
export function intSetting(
  raw: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = raw[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid environment:\n  ${name}: must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}
