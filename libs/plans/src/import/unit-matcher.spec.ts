import { describe, expect, it } from '@jest/globals';
import { editDistance, normaliseName, UnitMatcher } from './unit-matcher.js';

const units = [
  { id: '1', name: '章贡区', shortName: '章贡区', aliases: ['章贡区人民政府'], parentId: null, kind: 'county' },
  { id: '2', name: '赣州市科学技术局', shortName: '市科技局', aliases: [], parentId: null, kind: 'department' },
  { id: '3', name: '赣州市工业和信息化局', shortName: '市工信局', aliases: [], parentId: null, kind: 'department' },
  { id: '4', name: '赣县区（赣州高新区）', shortName: '赣县区（赣州高新区）', aliases: ['赣县区'], parentId: null, kind: 'county' },
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
