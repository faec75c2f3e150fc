import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { rawQueries, rawQueriesIn } from './e2e-factories.js';

const e2e = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../e2e');

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

  it('finds no raw query in any e2e spec', () => {
    expect(rawQueriesIn(e2e).map((q) => `${q.file}:${q.line}`)).toEqual([]);
  });
});
