import type { EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { requestContext } from '@app/common';
import { notAuditedColumns } from './audit.subscriber.js';

/** A statement and its parameters ($1 … $n). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * A column's value in the trail as the entity subscriber stores it, which is JSON.stringify of the hydrated
 * entity: a timestamp as toISOString() writes it, a numeric or date as its text, anything else as it is.
 */
function jsonValueSql(column: ColumnMetadata, alias: string): string {
  const ref = `${alias}.${column.databaseName}`;
  switch (column.type) {
    case 'timestamptz':
    case 'timestamp with time zone':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'numeric':
    case 'decimal':
    case 'bigint':
    case 'int8':
    case 'date':
      return `${ref}::text`;
    case 'uuid':
    case 'varchar':
    case 'text':
    case 'boolean':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'int2':
    case 'int4':
    case Number:
    case Boolean:
    case String:
    case 'jsonb':
      return ref;
    default:
      // A type the trail would store differently from the subscriber (a timestamp without zone …) is not guessed at.
      throw new Error(`auditedWrite: column ${column.propertyName} of type ${String(column.type)} is not supported`);
  }
}

/** The row under `alias` as the subscriber's snapshot of the entity: property names, secrets left out. */
function entityJsonSql(metadata: EntityMetadata, alias: string): string {
  const pairs = metadata.columns
    .filter((c) => !notAuditedColumns.has(c.propertyName))
    .map((c) => `'${c.propertyName}', ${jsonValueSql(c, alias)}`);
  return `jsonb_build_object(${pairs.join(', ')})`;
}

/**
 * One statement that makes a change and writes its audit entries, for write paths too hot for the entity
 * subscriber's reload and second round trip. `write` is an INSERT or UPDATE of the entity's table ending in
 * `RETURNING *`; each row it returns gets the entry the subscriber would have written (who and when from the
 * request, the row before and after as property → value). For an update, `before` selects the rows as they were
 * (a WHERE clause over the table, in the write's parameters): read in the same statement's snapshot, so a row
 * the write changed is the row it saw. The statement returns the written rows.
 */
export function auditedWrite(
  metadata: EntityMetadata,
  write: SqlStatement,
  change: { action: 'create' | 'update'; at: Date; before?: string },
): SqlStatement {
  const ctx = requestContext.get();
  const n = write.params.length;
  const before = change.action === 'update' ? change.before : undefined;
  if (change.action === 'update' && !before) throw new Error('auditedWrite: an update names the rows it changes');
  const sql = `WITH ${before ? `before AS (SELECT * FROM ${metadata.tablePath} WHERE ${before}),` : ''}
    changed AS (${write.sql}),
    entry AS (
      INSERT INTO audit_log (at, actor_user_id, actor_name, city_id, request_id, entity, entity_id, action, before, after, reason)
      SELECT $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, changed.id::text, $${n + 7},
        ${before ? entityJsonSql(metadata, 'before') : 'NULL'}, ${entityJsonSql(metadata, 'changed')}, $${n + 8}
      FROM changed ${before ? 'JOIN before ON before.id = changed.id' : ''}
    )
    SELECT * FROM changed`;
  return {
    sql,
    params: [
      ...write.params,
      change.at,
      ctx?.actorUserId ?? null,
      ctx?.actorName ?? '系统',
      ctx?.actorCityId ?? null,
      ctx?.requestId ?? null,
      metadata.tableName,
      change.action,
      ctx?.reason ?? null,
    ],
  };
}
