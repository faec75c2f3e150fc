import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Contact, placeUnit, Unit, UnitGroup, UnitKind } from '@app/organisation';
import { count, one, rows, type Db } from './sql.js';

let serial = 0;
const next = () => (++serial).toString().padStart(4, '0');

/** A city root with a code and name of its own (tests may make several cities in one database). */
export async function aCity(m: EntityManager, fields: Partial<Unit> = {}): Promise<Unit> {
  const id = randomUUID();
  const n = next();
  return m.getRepository(Unit).save({
    id,
    code: `T${n}`,
    name: `测试市${n}`,
    shortName: `测试市${n}`,
    kind: UnitKind.City,
    ...placeUnit(id, UnitKind.City, null),
    ...fields,
  });
}

/** A unit under `parent` (a county by default). */
export async function aUnit(
  m: EntityManager,
  parent: Pick<Unit, 'id' | 'path' | 'cityId'>,
  fields: Partial<Unit> = {},
): Promise<Unit> {
  const id = randomUUID();
  const kind = fields.kind ?? UnitKind.County;
  const n = next();
  return m.getRepository(Unit).save({
    id,
    code: `U${n}`,
    name: `测试单位${n}`,
    shortName: `测试单位${n}`,
    kind,
    ...placeUnit(id, kind, parent),
    ...fields,
  });
}

export async function aContact(
  m: EntityManager,
  unit: Pick<Unit, 'id'>,
  fields: Partial<Contact> = {},
): Promise<Contact> {
  const n = next();
  return m.getRepository(Contact).save({
    unitId: unit.id,
    name: `联系人${n}`,
    section: '综合科',
    phone: `1380000${n}`,
    role: 'liaison',
    ...fields,
  });
}

export async function aUnitGroup(
  m: EntityManager,
  city: Pick<Unit, 'id'>,
  units: Pick<Unit, 'id'>[],
): Promise<UnitGroup> {
  return m.getRepository(UnitGroup).save({ cityId: city.id, name: `分组${next()}`, unitIds: units.map((u) => u.id) });
}

/** Every unit row, removed ones included. */
export async function unitCount(db: Db): Promise<number> {
  return count(db, 'SELECT count(*)::int AS n FROM units');
}

/** A contact of the unit, any of them. */
export async function aContactOf(db: Db, unitId: string): Promise<string> {
  const [found] = await db.query<{ id: string }[]>(`SELECT id FROM contacts WHERE unit_id = $1 LIMIT 1`, [unitId]);
  if (!found) throw new Error(`no contact of unit ${unitId}`);
  return found.id;
}

/** The unit and every unit under it, removed ones included. */
export async function subtreeOf(db: Db, unitId: string): Promise<{ id: string }[]> {
  return db.query(`SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = $1) || '%'`, [unitId]);
}

/** Gives every unit with an assignment in the plan `perUnit` more liaisons and as many leaders, each with an address of their own. */
export async function moreContactsPerAssignedUnit(db: Db, planId: string, perUnit: number): Promise<void> {
  await db.query(
    `INSERT INTO contacts (unit_id, name, email, role)
     SELECT u.unit_id, '联络员' || i, 'l' || i || '.' || left(u.unit_id::text, 8) || '@example.com', 'liaison'
     FROM (SELECT DISTINCT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = $1) u, generate_series(1, $2) i
     UNION ALL
     SELECT u.unit_id, '分管领导' || i, 'd' || i || '.' || left(u.unit_id::text, 8) || '@example.com', 'leader'
     FROM (SELECT DISTINCT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = $1) u, generate_series(1, $2) i`,
    [planId, perUnit],
  );
}

/** The short name of a unit and when it last changed, as stored. */
export async function unitStamp(db: Db, unitId: string): Promise<{ short_name: string; updated_at: Date }[]> {
  return db.query(`SELECT short_name, updated_at FROM units WHERE id = $1`, [unitId]);
}

/** Every unit of a city, removed ones included. */
export async function unitsOfCity(db: Db, cityId: string): Promise<string[]> {
  const found = await db.query<{ id: string }[]>(`SELECT id FROM units WHERE city_id = $1`, [cityId]);
  return found.map((u) => u.id);
}

/** Every unit's city, removed units included, by unit id. */
export async function unitCities(db: Db): Promise<Record<string, string | null>> {
  const found = await rows<{ id: string; city_id: string | null }>(db, `SELECT id, city_id FROM units ORDER BY id`);
  return Object.fromEntries(found.map((u) => [u.id, u.city_id]));
}

export interface UnitRow {
  kind: string;
  parent_id: string | null;
  path: string;
  city_id: string | null;
  name: string;
  disabled_at: Date | null;
}

/** A unit's place in the tree, its name and whether its city is disabled, as stored. */
export async function unitRow(db: Db, unitId: string): Promise<UnitRow> {
  return one<UnitRow>(
    db,
    `unit ${unitId}`,
    `SELECT kind, parent_id, path, city_id, name, disabled_at FROM units WHERE id = $1`,
    [unitId],
  );
}

/** Units matching every field given, removed ones included unless `live`. */
export async function unitsWhere(
  db: Db,
  filter: { kind?: string; cityId?: string; code?: string; live?: boolean },
): Promise<number> {
  return count(
    db,
    `SELECT count(*)::int AS n FROM units WHERE ($1::varchar IS NULL OR kind = $1) AND ($2::uuid IS NULL OR city_id = $2)
       AND ($3::varchar IS NULL OR code = $3) AND (NOT $4 OR deleted_at IS NULL)`,
    [filter.kind ?? null, filter.cityId ?? null, filter.code ?? null, filter.live ?? false],
  );
}

/** A contact with an email address, bypassing the API; returns its id. */
export async function aContactWithEmail(
  db: Db,
  contact: { unitId: string; name: string; email: string; role: string },
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    db,
    `INSERT INTO contacts (unit_id, name, email, role) VALUES ($1, $2, $3, $4) RETURNING id`,
    [contact.unitId, contact.name, contact.email, contact.role],
  );
  return id;
}

/**
 * The addresses (lower-cased, once per contact) of the contacts of one role in these units that a
 * message can reach: active, not removed, with an address.
 */
export async function reachableContactEmails(db: Db, unitIds: readonly string[], role: string): Promise<string[]> {
  const found = await rows<{ email: string }>(
    db,
    `SELECT lower(email) AS email FROM contacts
     WHERE role = $2 AND email <> '' AND active AND deleted_at IS NULL AND unit_id = ANY($1::uuid[])`,
    [unitIds, role],
  );
  return found.map((c) => c.email);
}

/** The address of the unit's contact of one role, the first by id. */
export async function firstContactEmail(db: Db, unitId: string, role: string): Promise<string> {
  const [found] = await rows<{ email: string }>(
    db,
    `SELECT email FROM contacts WHERE role = $2 AND unit_id = $1 ORDER BY id LIMIT 1`,
    [unitId, role],
  );
  if (!found) throw new Error(`no ${role} of unit ${unitId}`);
  return found.email;
}
