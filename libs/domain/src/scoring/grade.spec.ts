import { describe, expect, it } from '@jest/globals';
import { D } from '../decimal.js';
import { gradeFor, type CompiledGradeBand } from './grade.js';

const defaults: CompiledGradeBand[] = [
  { label: '优', min: new D(90) },
  { label: '良', min: new D(80) },
  { label: '中', min: new D(60) },
  { label: '差', min: null },
];

describe('gradeFor', () => {
  it.each([
    { total: '112.50', grade: '优' },
    { total: '90.00', grade: '优' },
    { total: '89.99', grade: '良' },
    { total: '80', grade: '良' },
    { total: '60.00', grade: '中' },
    { total: '59.70', grade: '差' },
    { total: '-3', grade: '差' },
  ])('$total ⇒ $grade', ({ total, grade }) => {
    expect(gradeFor(total, defaults)).toBe(grade);
  });

  it('gives bands without a catch-all their last label, and no bands no label', () => {
    const handMade: CompiledGradeBand[] = [
      { label: '达标', min: new D(60) },
      { label: '基本达标', min: new D(50) },
    ];
    expect(gradeFor('70', handMade)).toBe('达标');
    expect(gradeFor('55', handMade)).toBe('基本达标');
    expect(gradeFor('10', handMade)).toBe('基本达标');
    expect(gradeFor('10', [])).toBe('');
  });

  it('refuses a total it cannot read', () => {
    expect(() => gradeFor('九十', defaults)).toThrow(new RangeError('无法识别的总分：九十'));
  });
});
