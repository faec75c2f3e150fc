import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { aCity, aContact, aUnit, aUnitGroup } from '../../../test/factories/organisation.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { Contact } from './contact.entity.js';
import {
  createLiaison,
  findContacts,
  findUnit,
  findUnits,
  getUnit,
  liaisonsOfUnits,
  publishedUnits,
  unitGroupsOfCity,
  unitsOfCity,
  unitsUnderCity,
} from './organisation.queries.js';
import { UnitGroup } from './unit-group.entity.js';
import { Unit, UnitKind } from './unit.entity.js';

describe('organisation queries (against PostgreSQL)', () => {
  let source: TestDataSource;
  let m: EntityManager;
  let city: Unit;
  let other: Unit;
  let county: Unit;
  let department: Unit;
  let removed: Unit;

  beforeAll(async () => {
    source = await openTestDataSource([Unit, Contact, UnitGroup]);
    m = source.db.manager;
    city = await aCity(m);
    other = await aCity(m);
    county = await aUnit(m, city);
    department = await aUnit(m, city, { kind: UnitKind.Department });
    removed = await aUnit(m, city);
    await m.getRepository(Unit).softDelete(removed.id);
    await aUnit(m, other);
  });
  afterAll(() => source.close());

  it('finds a unit, a removed one only when asked', async () => {
    expect((await findUnit(m, county.id))?.name).toBe(county.name);
    expect(await findUnit(m, removed.id)).toBeNull();
    expect((await findUnit(m, removed.id, { withDeleted: true }))?.id).toBe(removed.id);
    await expect(getUnit(m, removed.id)).rejects.toThrow();
    expect((await getUnit(m, removed.id, { withDeleted: true })).id).toBe(removed.id);
  });

  it('finds several units at once, repeats and an empty list included', async () => {
    expect((await findUnits(m, [county.id, county.id, department.id])).map((u) => u.id).sort()).toEqual(
      [county.id, department.id].sort(),
    );
    expect(await findUnits(m, [])).toEqual([]);
  });

  it('lists a city’s subtree, of one kind if asked, and never another city’s units', async () => {
    const under = (await unitsUnderCity(m, city.id)).map((u) => u.id).sort();
    expect(under).toEqual([city.id, county.id, department.id].sort());
    expect((await unitsUnderCity(m, city.id, UnitKind.County)).map((u) => u.id)).toEqual([county.id]);
    expect((await unitsOfCity(m, city.id)).map((u) => u.id).sort()).toEqual(under);
  });

  it('lists a city’s unit groups and the liaisons of some units', async () => {
    const group = await aUnitGroup(m, city, [county, department]);
    await aUnitGroup(m, other, []);
    expect((await unitGroupsOfCity(m, city.id)).map((g) => g.id)).toEqual([group.id]);
    const liaison = await aContact(m, county);
    await aContact(m, county, { role: 'leader' });
    await aContact(m, department);
    expect((await liaisonsOfUnits(m, [county.id])).map((c) => c.id)).toEqual([liaison.id]);
    expect((await findContacts(m, [liaison.id])).map((c) => c.name)).toEqual([liaison.name]);
  });

  it('creates a liaison an import names, in the caller’s transaction', async () => {
    const id = await m.transaction(async (t) =>
      createLiaison(t, { unitId: county.id, section: '科技股', name: '新联络员', phone: '13900000000' }),
    );
    const stored = await m.getRepository(Contact).findOneByOrFail({ id });
    expect(stored).toMatchObject({ unitId: county.id, role: 'liaison', active: true, email: '' });
    await expect(
      m.transaction(async (t) => {
        await createLiaison(t, { unitId: county.id, section: '科技股', name: '回滚', phone: '' });
        throw new Error('the import failed');
      }),
    ).rejects.toThrow('the import failed');
    expect(await m.getRepository(Contact).countBy({ name: '回滚' })).toBe(0);
  });

  it('joins the published view of units from another area’s query', async () => {
    const rows = await m
      .createQueryBuilder()
      .select('u.short_name', 'name')
      .from(Contact, 'c')
      .innerJoin(publishedUnits, 'u', 'u.id = c.unit_id AND u.deleted_at IS NULL')
      .where('c.unit_id = :id', { id: department.id })
      .getRawMany<{ name: string }>();
    expect(rows).toEqual([{ name: department.shortName }]);
  });
});
