import { describe, expect, it } from '@jest/globals';
import { attainment, formatTargetValue, parseTargetValue } from './target-value.js';

describe('parseTargetValue', () => {
  it.each([
    ['≥900个', undefined, undefined, { kind: 'numeric', operator: '>=', value: '900', unit: '个' }],
    ['＝ 100 %', undefined, undefined, { kind: 'numeric', operator: '=', value: '100', unit: '%' }],
    ['360', '≥', '项', { kind: 'numeric', operator: '>=', value: '360', unit: '项' }],
    ['≤2', undefined, '个', { kind: 'numeric', operator: '<=', value: '2', unit: '个' }],
    ['≤2023年12月31日', undefined, undefined, { kind: 'date', operator: '<=', date: '2023-12-31' }],
    // Date cells as a Chinese Excel or WPS shows them, and months.
    ['≤2023/12/31', undefined, undefined, { kind: 'date', operator: '<=', date: '2023-12-31' }],
    ['≤2023.6.30', undefined, undefined, { kind: 'date', operator: '<=', date: '2023-06-30' }],
    ['2023-12-31', '≤', undefined, { kind: 'date', operator: '<=', date: '2023-12-31' }],
    ['≤2023年2月', undefined, undefined, { kind: 'date', operator: '<=', date: '2023-02-28' }],
    ['≥2023年7月', undefined, undefined, { kind: 'date', operator: '>=', date: '2023-07-01' }],
    ['≤2024/2', undefined, undefined, { kind: 'date', operator: '<=', date: '2024-02-29' }],
    ['2023.12', '≥', '万元', { kind: 'numeric', operator: '>=', value: '2023.12', unit: '万元' }],
    ['规范', undefined, undefined, { kind: 'qualitative', text: '规范' }],
    ['序时进度', undefined, undefined, { kind: 'pace' }],
    ['58600.00万元', '＝', undefined, { kind: 'numeric', operator: '=', value: '58600', unit: '万元' }],
  ])('reads %s', (cell, operator, unit, expected) => {
    expect(parseTargetValue(cell, operator, unit)).toEqual({ ok: true, target: expected });
  });

  it.each([
    ['', undefined, '目标值为空'],
    ['≥很多', undefined, '不是有效的数值目标'],
    ['5', '约', '计算符号“约”无法识别'],
    ['≤2023年2月30日', undefined, '无效'],
    ['≤2023/2/30', undefined, '无效'],
    ['≤2023年13月', undefined, '无效'],
  ])('refuses %s', (cell, operator, reason) => {
    const parsed = parseTargetValue(cell, operator);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it('writes back what it reads', () => {
    for (const cell of ['≥900个', '＝100%', '≤2023年12月31日', '序时进度', '较高']) {
      const parsed = parseTargetValue(cell);
      expect(parsed.ok && formatTargetValue(parsed.target)).toBe(cell);
    }
  });
});

describe('attainment', () => {
  const target = (cell: string) => {
    const parsed = parseTargetValue(cell);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.target;
  };

  it.each([
    ['≥360项', { value: '400' }, 'met'],
    ['≥360项', { value: '300' }, 'partly_met'],
    ['≥360项', { value: '100' }, 'not_met'],
    ['≤2个', { value: '3' }, 'not_met'],
    ['≤2个', { value: '2' }, 'met'],
    ['＝100%', { value: '100' }, 'met'],
    ['＝100%', { value: '90' }, 'partly_met'],
    ['≤2023年12月31日', { date: '2023-11-30' }, 'met'],
    ['≤2023年12月31日', { date: '2024-01-15' }, 'not_met'],
    ['规范', { text: '规范' }, 'met'],
    ['较高', { text: '基本达到' }, 'partly_met'],
    ['较高', {}, 'not_met'],
  ])('%s with %j is %s', (cell, actual, expected) => {
    expect(attainment(target(cell), actual)).toBe(expected);
  });

  it('judges 序时进度 against the elapsed share', () => {
    expect(attainment(target('序时进度'), {}, { progress: '0.5', elapsedShare: '0.5' })).toBe('met');
    expect(attainment(target('序时进度'), {}, { progress: '0.42', elapsedShare: '0.5' })).toBe('partly_met');
    expect(attainment(target('序时进度'), {}, { progress: '0.2', elapsedShare: '0.5' })).toBe('not_met');
  });
});
