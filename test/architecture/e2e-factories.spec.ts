import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { rawQueries, rawQueriesIn } from './e2e-factories.js';

const e2e = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../e2e');

/**
 * Specs that still hold raw SQL, with how many lines of it. This list may only shrink: a spec
 * that gains a query fails, and so does an entry whose spec needs fewer lines (or none) than
 * listed, so that the count is lowered (or the entry removed) with the change that moved them.
 */
const NOT_YET: Record<string, number> = {
  'notifications.e2e-spec.ts': 28,
  'security-scope.e2e-spec.ts': 27,
};

describe('e2e specs take their data from factories', () => {
  it.each([
    ['SQL text', "await api.db.query('SELECT 1')", 1],
    ['SQL on the next line', 'await api.db.query(\n  `UPDATE reports SET status = $1`,\n  [s],\n)', 1],
    ['SQL in a variable, on a database handle', 'await db.query(statement)', 1],
    ['a transaction’s own connection', 'await upload.query(`INSERT INTO report_evidence VALUES ($1)`)', 1],
    ['a typed query', 'await api.db.query<{ n: number }[]>(`SELECT 1`)', 1],
    ['SQL handed to a spec’s own wrapper', 'const n = (await rows(`SELECT count(*) AS n FROM tasks`))[0].n;', 1],
    ['a query error built to test the error filter', "new QueryFailedError('SELECT $1', [], new Error('x'))", 0],
    ['a request’s query string', "api.http().get('/api/units').query({ q: '市科协' })", 0],
    ['a query string chosen at run time', ".query(mode === 'commit' ? { mode: 'commit' } : {})", 0],
  ])('finds %s', (_, text, n) => {
    expect(rawQueries('x.e2e-spec.ts', text)).toHaveLength(n);
  });

  it('finds no raw query outside the specs not yet converted, and no more than listed in those', () => {
    const found = rawQueriesIn(e2e);
    const perFile = new Map<string, number>();
    for (const q of found) perFile.set(q.file, (perFile.get(q.file) ?? 0) + 1);
    const unlisted = found.filter((q) => !(q.file in NOT_YET)).map((q) => `${q.file}:${q.line}`);
    expect(unlisted).toEqual([]);
    const grown = Object.entries(NOT_YET)
      .filter(([file, n]) => (perFile.get(file) ?? 0) > n)
      .map(([file, n]) => `${file}: ${perFile.get(file)} raw queries, ${n} allowed`);
    expect(grown).toEqual([]);
  });

  it('lists no spec with fewer raw queries than it allows (lower the count as queries move to factories)', () => {
    const perFile = new Map<string, number>();
    for (const q of rawQueriesIn(e2e)) perFile.set(q.file, (perFile.get(q.file) ?? 0) + 1);
    const stale = Object.entries(NOT_YET)
      .filter(([file, n]) => (perFile.get(file) ?? 0) < n)
      .map(([file, n]) => `${file}: ${perFile.get(file) ?? 0} raw queries, ${n} allowed`);
    expect(stale).toEqual([]);
  });
});
