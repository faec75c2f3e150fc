import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { preparedQuery } from './prepared-query.js';

describe('preparedQuery (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([]);
  });
  afterAll(() => source.close());

  it('prepares a statement once per connection and runs it again by name', async () => {
    await source.db.transaction(async (m) => {
      const text = `SELECT $1::int + 1 AS next`;
      expect(await preparedQuery(m, text, [1])).toEqual([{ next: 2 }]);
      expect(await preparedQuery(m, text, [41])).toEqual([{ next: 42 }]);
      const prepared: { statement: string }[] = await m.query(`SELECT statement FROM pg_prepared_statements`);
      expect(prepared.map((p) => p.statement)).toEqual([text]);
    });
  });

  it("runs in the manager's transaction, and without one on a pooled connection it hands back", async () => {
    await source.db.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY)`);
    await source.db
      .transaction(async (m) => {
        await m.query(`INSERT INTO prepared_probe VALUES (1)`);
        expect(await preparedQuery(m, `SELECT count(*)::int AS n FROM prepared_probe`, [])).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    for (let i = 0; i < 30; i++)
      expect(await preparedQuery(source.db.manager, `SELECT count(*)::int AS n FROM prepared_probe`, [])).toEqual([
        { n: 0 },
      ]);
  });

  it("fails as m.query fails: a QueryFailedError with the driver's code, so the API answers it alike", async () => {
    const failure = await preparedQuery(source.db.manager, `SELECT $1::uuid AS id`, ['not-a-uuid']).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22P02');
  });
});
