import { describe, expect, it } from '@jest/globals';
import { packBulletinSnapshot, type PublishedSnapshot, readBulletinSnapshot } from './bulletin-snapshot-store.js';
import { bulletinFixture } from './render/testing/bulletin.fixture.js';

/** A published snapshot as the ranking writes it, with the inputs of two counties and what else it records. */
function published(): PublishedSnapshot & { results: unknown[]; scheme: object } {
  return {
    ...bulletinFixture(),
    inputs: {
      'unit-a': {
        unitId: 'unit-a',
        indicators: [
          { name: '研发投入', target: '12.5', value: '3.1', ratio: '0.9920000000000000000000000000000000000001' },
          { name: '高新技术企业', target: '40', value: null, ratio: '0' },
        ],
        tasks: [{ label: '任务3 科技型中小企业评价入库', completion: null, expected: '50.00', ratio: '0' }],
        reports: { onTime: 2, late: 1, missing: 0 },
      },
      'unit-b': { unitId: 'unit-b', indicators: [], tasks: [], reports: { onTime: 0, late: 0, missing: 3 } },
    },
    results: [{ unitId: 'unit-a', total: '80.62', leaves: [] }],
    scheme: { id: 's', definition: { criteria: [] } },
  };
}

/** As the database gives it back: through JSON. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('a bulletin snapshot as stored (format 3) and as read', () => {
  it('reads back exactly what was published: lagging rows, inputs, results and the rest', () => {
    const snapshot = published();
    snapshot.lagging.push({
      kind: 'indicator',
      label: '指标 技术合同成交额',
      unitName: '章贡区',
      actual: { value: null, unit: '亿元', decimals: 2 },
      // A row whose figures differ in unit or places keeps both.
      expected: { value: '2.25', unit: '万元', decimals: 4 },
      light: 'red',
    });
    expect(readBulletinSnapshot(stored(packBulletinSnapshot(snapshot)))).toEqual(snapshot);
  });

  it('stores the lagging list and the inputs as rows of values, not objects repeating their keys', () => {
    const snapshot = published();
    const packed = stored(packBulletinSnapshot(snapshot));
    expect(packed.format).toBe(3);
    const [first] = snapshot.lagging;
    expect(packed.lagging[0]).toEqual([
      first!.kind,
      first!.label,
      first!.unitName,
      first!.actual.value,
      first!.expected.value,
      first!.actual.unit,
      first!.actual.decimals,
      first!.light,
    ]);
    expect(packed.inputs['unit-a']).toEqual({
      indicators: [
        ['研发投入', '12.5', '3.1', '0.9920000000000000000000000000000000000001'],
        ['高新技术企业', '40', null, '0'],
      ],
      tasks: [['任务3 科技型中小企业评价入库', null, '50.00', '0']],
      reports: [2, 1, 0],
    });
    expect(packed.tiers).toEqual(snapshot.tiers);
    expect(packed.results).toEqual(snapshot.results);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(snapshot).length);
  });

  it('leaves the published snapshot as it was', () => {
    const snapshot = published();
    const before = structuredClone(snapshot);
    packBulletinSnapshot(snapshot);
    expect(snapshot).toEqual(before);
  });

  it('reads a snapshot stored in format 2 (the same layout, unpacked) as the current one', () => {
    const snapshot = published();
    const second = stored({ ...snapshot, format: 2 });
    expect(readBulletinSnapshot(second)).toEqual(snapshot);
  });
});
