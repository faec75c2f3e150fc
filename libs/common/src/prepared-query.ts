import { createHash } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';

/** What node-postgres's client takes: a named statement is parsed and planned once per connection. */
interface NamedStatementClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

const names = new Map<string, string>();

/** A statement's name, from its text: the same text is the same statement on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `kc_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * `m.query(text, values)` as a named prepared statement: PostgreSQL parses and plans it once per pooled connection
 * instead of on every call. For the few statements every request of the month-end rush runs (a report's save and
 * submit), where planning cost PostgreSQL as much as executing. Runs in the manager's transaction when it has one;
 * a failure is TypeORM's QueryFailedError, as `m.query` throws it, so the API answers it the same way.
 */
export async function preparedQuery(
  m: EntityManager,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as NamedStatementClient;
    try {
      return (await client.query({ name: nameOf(text), text, values })).rows;
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
