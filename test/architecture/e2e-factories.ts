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

export function rawQueries(file: string, text: string): RawQuery[] {
  const out: RawQuery[] = [];
  for (const match of text.matchAll(RAW)) {
    const line = text.slice(0, match.index).split('\n').length;
    if (!out.some((q) => q.line === line)) out.push({ file, line });
  }
  return out;
}

/** Every raw query in the e2e specs under `dir`, as `name:line`. */
export function rawQueriesIn(dir: string): RawQuery[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => rawQueries(name, readFileSync(path.join(dir, name), 'utf8')));
}
