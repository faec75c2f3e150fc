import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Unit } from '@app/organisation';
import { aCity } from '../../../test/factories/organisation.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { Scheme, SchemeKind, SchemeStatus } from './entities/scheme.entity.js';
import { activeOrNewestScheme, createFirstSchemeVersion, getScheme } from './schemes.repository.js';

const definition = { name: '专项资金绩效评价', criteria: [] };

describe('schemes repository (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([Scheme, Unit]);
  });
  afterAll(() => source.close());

  it('seeds a first version once, however often it is asked, and finds it', async () => {
    const m = source.db.manager;
    const city = await aCity(m);
    const first = {
      cityId: city.id,
      code: 'FUND-2023',
      name: '专项资金绩效评价 2023',
      kind: SchemeKind.Fund,
      year: 2023,
      status: SchemeStatus.Active,
      definition,
      inputMap: {},
    };
    await Promise.all([createFirstSchemeVersion(m, first), createFirstSchemeVersion(m, { ...first, name: '第二次' })]);
    const stored = await m.getRepository(Scheme).findBy({ cityId: city.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, definition });
    expect((await getScheme(m, stored[0]!.id)).code).toBe('FUND-2023');
    await expect(getScheme(m, '00000000-0000-0000-0000-000000000000')).rejects.toThrow();
  });

  it('prefers the active version of a kind and year, else the newest; another city’s or year’s never', async () => {
    const m = source.db.manager;
    const city = await aCity(m);
    const other = await aCity(m);
    const save = (fields: Partial<Scheme>) =>
      m.getRepository(Scheme).save({
        cityId: city.id,
        code: 'Q-2023',
        name: '季度考评',
        kind: SchemeKind.Quarterly,
        year: 2023,
        status: SchemeStatus.Draft,
        definition,
        inputMap: {},
        ...fields,
      } as Scheme);
    const of = { cityId: city.id, kind: SchemeKind.Quarterly, year: 2023 };
    expect(await activeOrNewestScheme(m, of)).toBeNull();
    await save({ version: 1 });
    const v2 = await save({ version: 2 });
    expect((await activeOrNewestScheme(m, of))?.id).toBe(v2.id);
    const active = await save({ version: 3, code: 'Q-2023-B', status: SchemeStatus.Active });
    await save({ version: 4 });
    await save({ version: 9, cityId: other.id });
    await save({ version: 9, year: 2024 });
    expect((await activeOrNewestScheme(m, of))?.id).toBe(active.id);
  });
});
