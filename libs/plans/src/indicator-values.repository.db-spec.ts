import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Unit } from '@app/organisation';
import { aCity, aUnit } from '../../../test/factories/organisation.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { Indicator } from './entities/indicator.entity.js';
import { Confirmation, IndicatorValue } from './entities/indicator-value.entity.js';
import { countIndicatorValuesOfReport, findIndicatorValue, saveIndicatorValue } from './indicator-values.repository.js';

describe('indicator values repository (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([IndicatorValue, Indicator, Unit]);
  });
  afterAll(() => source.close());

  it('creates a key’s row as reported and unconfirmed, changes it in place, and keeps other keys apart', async () => {
    const m = source.db.manager;
    const city = await aCity(m);
    const county = await aUnit(m, city);
    const indicator = await m.getRepository(Indicator).save({
      cityId: city.id,
      name: '研发支出与地区生产总值之比',
      unitOfMeasure: '%',
      direction: 'higher',
      aggregation: 'ratio',
    } as Indicator);
    const april = { indicatorId: indicator.id, unitId: county.id, year: 2023, month: 4 };
    expect(await findIndicatorValue(m, april)).toBeNull();

    const created = await saveIndicatorValue(m, null, april, { value: '1.20', source: 'report' });
    expect(created).toMatchObject({ ...april, confirmation: Confirmation.Reported, reportId: null });
    const found = await findIndicatorValue(m, april);
    expect(found?.id).toBe(created.id);
    await saveIndicatorValue(m, found, april, { confirmation: Confirmation.Confirmed, value: '1.25' });
    expect(await findIndicatorValue(m, april)).toMatchObject({
      id: created.id,
      value: '1.250000',
      confirmation: 'confirmed',
    });
    expect(await findIndicatorValue(m, { ...april, month: 3 })).toBeNull();
    expect(await m.getRepository(IndicatorValue).countBy({ indicatorId: indicator.id })).toBe(1);
    expect(await countIndicatorValuesOfReport(m, '00000000-0000-0000-0000-000000000000')).toBe(0);
  });
});
