import { describe, expect, it } from '@jest/globals';
import { editDistance, normaliseName, UnitMatcher } from './unit-matcher.js';

const units = [
  { id: '1', name: '章贡区', shortName: '章贡区', aliases: ['章贡区人民政府'], parentId: null, kind: 'county' },
  { id: '2', name: '赣州市科学技术局', shortName: '市科技局', aliases: [], parentId: null, kind: 'department' },
  { id: '3', name: '赣州市工业和信息化局', shortName: '市工信局', aliases: [], parentId: null, kind: 'department' },
  {
    id: '4',
    name: '赣县区（赣州高新区）',
    shortName: '赣县区（赣州高新区）',
    aliases: ['赣县区'],
    parentId: null,
    kind: 'county',
  },
];

describe('UnitMatcher', () => {
  const matcher = new UnitMatcher(units);

  it.each([
    ['市科技局', '2'],
    ['赣州市科学技术局', '2'],
    ['章贡区人民政府', '1'],
    [' 章贡区 ', '1'],
    ['赣县区(赣州高新区)', '4'],
  ])('matches %s', (name, id) => {
    const result = matcher.match(name);
    expect(result.ok && result.unit.id).toBe(id);
  });

  it('suggests the closest names for an unknown one', () => {
    const result = matcher.match('市科技厅');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.suggestions[0]).toBe('市科技局（赣州市科学技术局）');
  });

  it('measures edit distance in characters', () => {
    expect(editDistance('市科技局', '市科技厅')).toBe(1);
    expect(editDistance('', '市工信局')).toBe(4);
    expect(normaliseName('A (B) ')).toBe('A（B）');
  });
});

describe('UnitMatcher with unit groups', () => {
  const groups = [
    { name: '各县区', unitIds: ['1', '4', 'gone'] },
    { name: '市科技局', unitIds: ['3'] },
  ];
  const matcher = new UnitMatcher(units, groups);

  it('expands a group name into its members, leaving out units no longer in the registry', () => {
    const result = matcher.resolve(' 各县区 ');
    expect(result.ok && result.group).toBe('各县区');
    expect(result.ok && result.units.map((u) => u.id)).toEqual(['1', '4']);
  });

  it('resolves a unit name to that unit, even where a group has the same name', () => {
    const result = matcher.resolve('市科技局');
    expect(result.ok && [result.group, result.units.map((u) => u.id)]).toEqual([null, ['2']]);
  });

  it('suggests a group for a near miss', () => {
    const result = matcher.resolve('各县市区');
    expect(!result.ok && result.suggestions[0]).toBe('各县区（分组）');
  });

  it('matches no group when none is given', () => {
    expect(new UnitMatcher(units).resolve('各县区').ok).toBe(false);
  });
});
