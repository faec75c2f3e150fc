import type { DataSource } from 'typeorm';

export interface UnitRef {
  id: string;
  cityId: string;
}

/**
 * A demo unit by its code (GZ-KJJ, NC …): the one lookup every spec needs. Fails loudly when the
 * code is unknown instead of handing `undefined` to the next request.
 */
export async function unitByCode(db: DataSource, code: string): Promise<UnitRef> {
  const rows: UnitRef[] = await db.query(
    `SELECT id, city_id AS "cityId" FROM units WHERE code = $1 AND deleted_at IS NULL`,
    [code],
  );
  if (rows.length !== 1) throw new Error(`unit ${code}: ${rows.length} rows`);
  return rows[0]!;
}
