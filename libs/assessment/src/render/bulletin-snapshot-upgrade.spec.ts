import { describe, expect, it } from '@jest/globals';
import { upgradeBulletinSnapshot } from './bulletin-snapshot-upgrade.js';
import { bulletinFixture, legacyBulletinSnapshot } from './testing/bulletin.fixture.js';

describe('upgradeBulletinSnapshot', () => {
  it('reads a first-layout snapshot with traffic lights and units, keeping everything else', () => {
    const legacy = legacyBulletinSnapshot();
    const upgraded = upgradeBulletinSnapshot(legacy);

    expect(upgraded.format).toBe(3);
    expect(upgraded.tiers[0]?.rows.map((r) => [r.unitName, r.light])).toEqual([
      ['赣州经开区', 'green'],
      ['赣州蓉江新区', 'green'],
      ['章贡区', 'green'],
      ['赣县区（赣州高新区）', 'green'],
      ['南康区', 'yellow'],
      ['龙南市', 'red'],
    ]);
    expect(upgraded.tiers[0]?.rows[0]).not.toHaveProperty('flags');
    expect(upgraded.lagging).toEqual([
      {
        kind: 'task',
        label: '任务3 科技型中小企业评价入库',
        unitName: '会昌县',
        actual: { value: '20', unit: '%', decimals: 2 },
        expected: { value: '50', unit: '%', decimals: 2 },
        light: 'red',
      },
      {
        kind: 'project',
        label: '项目28 赣州稀土新材料产业园标准厂房建设',
        unitName: '龙南市',
        actual: { value: '8112.15', unit: '万元', decimals: 2 },
        expected: { value: '12500', unit: '万元', decimals: 2 },
        light: 'yellow',
      },
    ]);
    expect(upgraded.lateUnits).toEqual([
      { unitName: '寻乌县', late: 2, missing: 1, light: 'red' },
      { unitName: '石城县', late: 1, missing: 0, light: 'yellow' },
    ]);
    expect(upgraded).not.toHaveProperty('laggingTasks');
    expect(upgraded.inputs).toEqual(legacy.inputs);
    expect(upgraded.title).toBe(legacy.title);
  });

  it('leaves the stored snapshot untouched', () => {
    const legacy = legacyBulletinSnapshot();
    const before = structuredClone(legacy);
    upgradeBulletinSnapshot(legacy);
    expect(legacy).toEqual(before);
  });

  it('returns a current snapshot as it is', () => {
    const current = bulletinFixture();
    expect(upgradeBulletinSnapshot(current)).toBe(current);
  });
});
