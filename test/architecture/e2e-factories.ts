import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface RawQuery {
  file: string;
  line: number;
}

/**
 * A `.query(` whose first argument is SQL text (a string or template literal, possibly on the
 * next line) or a variable named like SQL, or one called on a database handle. Supertest's
 * `.query({ … })` takes an object and is left alone.
 */
const RAW =
  /\.query\s*(?:<[^>]*>)?\(\s*(?:[`'"]|sql\b)|\b(?:db|holder|client|manager|runner|queryRunner)\.query\s*(?:<[^>]*>)?\(/g;

/** SQL text handed to any function (a spec's own `rows(…)` wrapper), but for an error built to test the error filter. */
const SQL_ARGUMENT =
  /(\bnew\s+)?\b\w+\s*(?:<[^>]*>)?\(\s*[`'"]\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|LOCK|TRUNCATE)\b/g;

export function rawQueries(file: string, text: string): RawQuery[] {
  const lines = new Set<number>();
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(RAW)) lines.add(lineOf(match.index));
  for (const match of text.matchAll(SQL_ARGUMENT)) if (!match[1]) lines.add(lineOf(match.index));
  return [...lines].sort((a, b) => a - b).map((line) => ({ file, line }));
}

/** Every raw query in the e2e specs under `dir`, as `name:line`. */
export function rawQueriesIn(dir: string): RawQuery[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => rawQueries(name, readFileSync(path.join(dir, name), 'utf8')));
}
