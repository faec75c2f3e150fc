import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, LoggerOptions, LogLevel } from 'typeorm';

export type LogSink = (level: 'log' | 'warn' | 'error', message: string) => void;

const nest = new NestLogger('TypeORM');
const toNest: LogSink = (level, message) => nest[level](message);

type Parameters = unknown[] | Record<string, unknown> | undefined;

/** How many values a query carried, never the values: they hold passwords, tokens and personal data. */
function parameterNote(parameters: Parameters): string {
  const count = Array.isArray(parameters) ? parameters.length : parameters ? Object.keys(parameters).length : 0;
  return count > 0 ? ` -- ${count} parameter(s) not logged` : '';
}

/**
 * PostgreSQL's data-exception messages (SQLSTATE class 22) quote the offending input, e.g.
 * `invalid input syntax for type uuid: "…"`; other classes quote only names of columns and constraints.
 */
export function describeQueryError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return error.message;
  const message = code.startsWith('22') ? error.message.replace(/"[^"]*"/g, '"…"') : error.message;
  return `${code} ${message}`;
}

/**
 * TypeORM's console loggers append every failed query's parameters to the log line; this one logs
 * the SQL (which has placeholders only), the parameter count and the error, through Nest's logger
 * so the lines are pino JSON in the API and the worker.
 */
export class ParameterFreeQueryLogger implements Logger {
  constructor(
    private readonly options: LoggerOptions = ['error'],
    private readonly sink: LogSink = toNest,
  ) {}

  private enabled(level: LogLevel): boolean {
    return (
      this.options === true || this.options === 'all' || (Array.isArray(this.options) && this.options.includes(level))
    );
  }

  logQuery(query: string, parameters?: Parameters): void {
    if (this.enabled('query')) this.sink('log', `query: ${query}${parameterNote(parameters)}`);
  }

  logQueryError(error: string | Error, query: string, parameters?: Parameters): void {
    if (this.enabled('error'))
      this.sink('error', `query failed: ${query}${parameterNote(parameters)}; error: ${describeQueryError(error)}`);
  }

  logQuerySlow(time: number, query: string, parameters?: Parameters): void {
    this.sink('warn', `query is slow (${time} ms): ${query}${parameterNote(parameters)}`);
  }

  logSchemaBuild(message: string): void {
    if (this.enabled('schema')) this.sink('log', message);
  }

  logMigration(message: string): void {
    this.sink('log', message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (this.enabled(level)) this.sink(level === 'warn' ? 'warn' : 'log', String(message));
  }
}
