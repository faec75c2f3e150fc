import { describe, expect, it } from '@jest/globals';
import { readActual } from './actual-value.js';

describe('readActual', () => {
  const numeric = { kind: 'numeric' as const, operator: '>=' as const, value: '360', unit: '项' };
  it.each([
    ['380项', numeric, '项', { ok: true, actual: { text: '380项', value: '380' } }],
    ['380', numeric, '项', { ok: true, actual: { text: '380', value: '380' } }],
    ['380个', numeric, '项', { ok: false, reason: '单位“个”与指标单位“项”不一致' }],
    ['≥380项', numeric, '项', { ok: false, reason: '“≥380项”不是数值' }],
    ['很多', numeric, '项', { ok: false, reason: '“很多”不是数值' }],
    [
      '2023年11月30日',
      { kind: 'date' as const, operator: '<=' as const, date: '2023-12-31' },
      '',
      { ok: true, actual: { text: '2023年11月30日', date: '2023-11-30' } },
    ],
    [
      '年底',
      { kind: 'date' as const, operator: '<=' as const, date: '2023-12-31' },
      '',
      { ok: false, reason: '“年底”不是日期（如 2023年11月30日）' },
    ],
    ['规范', { kind: 'qualitative' as const, text: '规范' }, '', { ok: true, actual: { text: '规范' } }],
    ['52%', { kind: 'pace' as const }, '', { ok: true, actual: { text: '52%', value: '52' } }],
    ['', { kind: 'pace' as const }, '', { ok: false, reason: '实际完成值为空' }],
  ])('%s', (text, target, unit, expected) => {
    expect(readActual(text, target, unit)).toEqual(expected);
  });
});
