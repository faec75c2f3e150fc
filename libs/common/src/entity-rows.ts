import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/*
 * Several entities' rows in one raw SELECT, read back as the entities TypeORM's own find would give: the
 * hot write paths (a report's save and submit) read everything they check in one round trip.
 */

/** `alias.column AS "prefix + column"` for every column of the entity. */
export function entityColumnsSql(metadata: EntityMetadata, alias: string, prefix: string): string {
  return metadata.columns.map((c) => `${alias}.${c.databaseName} AS "${prefix}${c.databaseName}"`).join(', ');
}

/** The entity whose columns a raw row holds under `prefix`, hydrated by the driver (dates, numerics as text). */
export function entityFromRow<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix = '',
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns)
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[prefix + column.databaseName], column));
  return entity;
}
