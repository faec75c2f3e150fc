import { type EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Contact } from './contact.entity.js';
import { UnitGroup } from './unit-group.entity.js';
import { Unit, UnitKind } from './unit.entity.js';

/*
 * The organisation library's reads for other areas. Other libraries never query units, contacts or
 * unit groups themselves: they call these (inside their own transaction, hence the manager) or, in a
 * set-based statement, join the published views (`organisation.units`, `organisation.contacts` …).
 */

interface Lookup {
  /** Units removed since still name old reports and projects; off by default. */
  withDeleted?: boolean;
}

export function findUnit(m: EntityManager, id: string, { withDeleted = false }: Lookup = {}): Promise<Unit | null> {
  return m.getRepository(Unit).findOne({ where: { id }, withDeleted });
}

/** The unit a stored row points to: its absence is a broken reference, not a user error. */
export function getUnit(m: EntityManager, id: string, { withDeleted = false }: Lookup = {}): Promise<Unit> {
  return m.getRepository(Unit).findOneOrFail({ where: { id }, withDeleted });
}

export function findUnits(m: EntityManager, ids: readonly string[]): Promise<Unit[]> {
  return ids.length ? m.getRepository(Unit).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
}

/** The city and every unit under it (its subtree by path). */
export function unitsUnderCity(m: EntityManager, cityId: string, kind?: UnitKind): Promise<Unit[]> {
  const q = m
    .getRepository(Unit)
    .createQueryBuilder('u')
    .where("u.path LIKE (SELECT path FROM units WHERE id = :city) || '%'", { city: cityId });
  if (kind) q.andWhere('u.kind = :kind', { kind });
  return q.getMany();
}

/** The city itself and the units whose nearest city it is. */
export function unitsOfCity(m: EntityManager, cityId: string): Promise<Unit[]> {
  return m.getRepository(Unit).find({ where: [{ cityId }, { id: cityId }] });
}

export function unitGroupsOfCity(m: EntityManager, cityId: string): Promise<UnitGroup[]> {
  return m.getRepository(UnitGroup).findBy({ cityId });
}

export function findContact(m: EntityManager, id: string): Promise<Contact | null> {
  return m.getRepository(Contact).findOne({ where: { id } });
}

export function findContacts(m: EntityManager, ids: readonly string[]): Promise<Contact[]> {
  return ids.length ? m.getRepository(Contact).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
}

/**
 * The published view of units as a join source for another library's query builder:
 * `qb.innerJoin(publishedUnits, 'u', 'u.id = a.unit_id')`. The planner flattens the subquery.
 */
export function publishedUnits<T extends ObjectLiteral>(sub: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return sub.select('*').from('organisation.units', 'published_units');
}

export function publishedContacts<T extends ObjectLiteral>(sub: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return sub.select('*').from('organisation.contacts', 'published_contacts');
}

/** Liaison contacts serving any of these units. */
export function liaisonsOfUnits(m: EntityManager, unitIds: readonly string[]): Promise<Contact[]> {
  return unitIds.length
    ? m.getRepository(Contact).findBy({ unitId: In([...new Set(unitIds)]), role: 'liaison' })
    : Promise.resolve([]);
}

/** A liaison a plan import names for the first time (the import's transaction creates it with the tasks). */
export async function createLiaison(
  m: EntityManager,
  liaison: Pick<Contact, 'unitId' | 'section' | 'name' | 'phone'> & Partial<Pick<Contact, 'workplaceUnitId'>>,
): Promise<string> {
  const contacts = m.getRepository(Contact);
  return (await contacts.save(contacts.create({ ...liaison, email: '', role: 'liaison', active: true }))).id;
}
