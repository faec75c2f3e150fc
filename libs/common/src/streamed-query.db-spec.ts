import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { streamedQuery } from './streamed-query.js';

describe('streamedQuery (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([]);
  });
  afterAll(() => source.close());

  it('hands over every row as m.query returns it, in order', async () => {
    const text = `SELECT n, n::numeric / 3 AS third, repeat('项', n % 7) AS label FROM generate_series(1, 20000) n`;
    const streamed: unknown[] = [];
    await streamedQuery(source.db.manager, text, [], (row) => streamed.push(row));
    expect(streamed).toEqual(await source.db.query(text));
  });

  it('hands over the first rows while PostgreSQL is still producing the rest', async () => {
    // Rows larger than PostgreSQL's 8 kB send buffer leave the server as they are made, a third of a second apart
    // (each row's tail with the next row).
    const text = `SELECT n, repeat('x', 20000) AS pad FROM generate_series(1, 4) n, LATERAL (SELECT pg_sleep(0.3 + n * 0)) s`;
    const started = Date.now();
    const arrivals: number[] = [];
    await streamedQuery(source.db.manager, text, [], () => arrivals.push(Date.now() - started));
    const finished = Date.now() - started;
    expect(arrivals).toHaveLength(4);
    expect(finished - arrivals[0]!).toBeGreaterThanOrEqual(400);
  });

  it("runs in the manager's transaction, and without one on a pooled connection it hands back", async () => {
    await source.db.query(`CREATE TABLE streamed_probe (id int PRIMARY KEY)`);
    await source.db
      .transaction(async (m) => {
        await m.query(`INSERT INTO streamed_probe VALUES (1)`);
        const seen: unknown[] = [];
        await streamedQuery(m, `SELECT id FROM streamed_probe`, [], (row) => seen.push(row));
        expect(seen).toEqual([{ id: 1 }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    for (let i = 0; i < 30; i++) {
      const seen: unknown[] = [];
      await streamedQuery(source.db.manager, `SELECT count(*)::int AS n FROM streamed_probe`, [], (row) =>
        seen.push(row),
      );
      expect(seen).toEqual([{ n: 0 }]);
    }
  });

  it("fails as m.query fails: a QueryFailedError with the driver's code", async () => {
    const failure = await streamedQuery(
      source.db.manager,
      `SELECT $1::uuid AS id`,
      ['not-a-uuid'],
      () => undefined,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22P02');
  });

  it('throws what the row handler threw once the statement is over, leaving the transaction usable', async () => {
    await source.db.transaction(async (m) => {
      let handled = 0;
      const failure = await streamedQuery(m, `SELECT n FROM generate_series(1, 5000) n`, [], () => {
        handled++;
        if (handled === 10) throw new RangeError('第10行无法评判');
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RangeError);
      expect(handled).toBe(10);
      expect(await m.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    });
  });
});
