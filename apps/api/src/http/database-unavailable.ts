/**
 * PostgreSQL's answers while it stops, restarts or is out of reach: the server ended the session
 * (57P01 admin_shutdown, 57P02 crash_shutdown), is starting or stopping (57P03 cannot_connect_now),
 * or the connection itself failed (class 08). The request did not go through and may be sent again.
 */
const UNAVAILABLE_SQL_STATES = new Set(['57P01', '57P02', '57P03']);
/** Socket errors from node-postgres when nothing listens, or the peer went away mid-query. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** node-postgres reports a dropped socket and a pool wait that ran out by message only. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
];

const MAX_DEPTH = 4;

/**
 * True when `error` (or what it wraps: TypeORM's `driverError`, a `cause`, the attempts of an
 * AggregateError for a host with several addresses) says the database cannot be reached right now.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_SQL_STATES.has(code) || code.startsWith('08'))) return true;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
