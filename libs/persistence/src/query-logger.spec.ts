import { describe, expect, it } from '@jest/globals';
import { describeQueryError, ParameterFreeQueryLogger } from './query-logger.js';

function capture(options: ConstructorParameters<typeof ParameterFreeQueryLogger>[0]) {
  const lines: string[] = [];
  const logger = new ParameterFreeQueryLogger(options, (level, message) => lines.push(`${level} ${message}`));
  return { logger, lines };
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ParameterFreeQueryLogger', () => {
  it('logs a failed query with its SQL and error but not its parameters', () => {
    const { logger, lines } = capture(['error']);
    logger.logQueryError(
      pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      'SELECT * FROM users WHERE username = $1 AND password_hash = $2',
      ['admin\u0000', 'S3cret-Passw0rd'],
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error query failed: SELECT * FROM users WHERE username = $1');
    expect(lines[0]).toContain('2 parameter(s) not logged');
    expect(lines[0]).toContain('22021 invalid byte sequence');
    expect(lines[0]).not.toContain('S3cret');
    expect(lines[0]).not.toContain('admin');
  });

  it('keeps named parameters out as well, and logs nothing when errors are off', () => {
    const on = capture(['error']);
    on.logger.logQueryError('boom', 'UPDATE t SET token = :token', { token: 'refresh-abc' });
    expect(on.lines.join('\n')).not.toContain('refresh-abc');
    const off = capture(['migration']);
    off.logger.logQueryError('boom', 'SELECT 1', []);
    expect(off.lines).toEqual([]);
  });

  it('logs queries and slow queries without values when asked to', () => {
    const { logger, lines } = capture('all');
    logger.logQuery('SELECT $1', ['secret-value']);
    logger.logQuerySlow(1500, 'SELECT $1', ['secret-value']);
    expect(lines).toEqual([
      'log query: SELECT $1 -- 1 parameter(s) not logged',
      'warn query is slow (1500 ms): SELECT $1 -- 1 parameter(s) not logged',
    ]);
  });
});

describe('describeQueryError', () => {
  it.each([
    ['22P02', 'invalid input syntax for type uuid: "my-password"', '22P02 invalid input syntax for type uuid: "…"'],
    [
      '22003',
      'value "99999999999" is out of range for type integer',
      '22003 value "…" is out of range for type integer',
    ],
    [
      '23505',
      'duplicate key value violates unique constraint "users_username_key"',
      '23505 duplicate key value violates unique constraint "users_username_key"',
    ],
    [undefined, 'Connection terminated', 'Connection terminated'],
  ])('%s %s → %s', (code, message, expected) => {
    const error = code ? pgError(code, message) : new Error(message);
    expect(describeQueryError(error)).toBe(expected);
  });
});
