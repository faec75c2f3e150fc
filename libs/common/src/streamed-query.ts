import pg from 'pg';
import { type EntityManager, QueryFailedError } from 'typeorm';

/** An error the caller's row handler threw, kept until the statement has finished. */
interface HandlerFailure {
  error: unknown;
}

/**
 * `m.query(text, values)` handing each row to `onRow` as it arrives, keeping none. With `m.query` the process waits
 * idle for the last row and PostgreSQL then waits idle while the rows are worked through; here the work on each row
 * runs while PostgreSQL is still producing the next. For statements of tens of thousands of rows each worked on at
 * some length (a plan's schedule, judged item by item). Runs in the manager's transaction when it has one. A failed
 * statement is TypeORM's QueryFailedError, as `m.query` throws it; an error `onRow` throws skips the rows after it
 * and is thrown once the statement has finished, so the connection is left ready for the next.
 */
export async function streamedQuery<Row>(
  m: EntityManager,
  text: string,
  values: unknown[],
  onRow: (row: Row) => void,
): Promise<void> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    let failure: HandlerFailure | null = null;
    await new Promise<void>((resolve, reject) => {
      const query = new pg.Query(text, values);
      query.on('row', (row: Row) => {
        if (failure) return;
        try {
          onRow(row);
        } catch (error) {
          failure = { error };
        }
      });
      query.on('error', (error: Error) => reject(new QueryFailedError(text, values, error)));
      query.on('end', () => resolve());
      void client.query(query);
    });
    if (failure) throw (failure as HandlerFailure).error;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
