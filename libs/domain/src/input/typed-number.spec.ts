import { describe, expect, it } from '@jest/globals';
import { FULL_WIDTH_NOTE, GROUPING_NOTE, type NumberRule, readTypedNumber } from './typed-number.js';

const percent: NumberRule = { kind: 'percent', min: '0', max: '100', decimals: 2 };
const money: NumberRule = { kind: 'money', min: '0', max: '999999999999.99', decimals: 2 };
const year: NumberRule = { min: '2000', max: '2100', decimals: 0, unit: '年' };

describe('readTypedNumber', () => {
  it.each([
    ['30', percent, '30', []],
    ['30.5', percent, '30.5', []],
    ['100', percent, '100', []],
    ['0', money, '0', []],
    ['  12.30 ', money, '12.30', []],
    ['+7', money, '7', []],
    ['30.', money, '30', []],
    ['.5', money, '0.5', []],
    ['-0', { kind: 'plain' } as NumberRule, '0', []],
    ['-1.5', {} as NumberRule, '-1.5', []],
    ['45%', percent, '45', []],
    ['３０', percent, '30', [FULL_WIDTH_NOTE]],
    ['３０．５', percent, '30.5', [FULL_WIDTH_NOTE]],
    ['１２００', money, '1200', [FULL_WIDTH_NOTE]],
    ['1,200.50', money, '1200.50', [GROUPING_NOTE]],
    ['１，２００', money, '1200', [FULL_WIDTH_NOTE, GROUPING_NOTE]],
    ['2023', year, '2023', []],
    ['２０２３', year, '2023', [FULL_WIDTH_NOTE]],
  ] as const)('accepts %j as %j', (input, rule, text, notes) => {
    expect(readTypedNumber(input, rule)).toEqual({ ok: true, text, notes });
  });

  it.each([
    ['150', percent, '超过100%'],
    ['100.01', percent, '超过100%'],
    ['-1', percent, '不能为负数'],
    ['-50', money, '金额不能为负数'],
    ['－５０', money, '金额不能为负数'],
    ['abc', money, '请输入数字'],
    ['12abc', percent, '请输入数字'],
    ['1,5', money, '请输入数字'],
    ['1e3', money, '请输入数字'],
    ['12.345', money, '最多保留两位小数'],
    ['30.5', year, '请输入整数'],
    ['1999', year, '不能小于2000年'],
    ['2101', year, '不能大于2100年'],
    ['1000000000000', money, '不能大于999999999999.99'],
  ] as const)('refuses %j with %j, never clamping, rounding or blanking it', (input, rule, reason) => {
    expect(readTypedNumber(input, rule)).toEqual({ ok: false, reason });
  });

  it('reads an empty field as no value, so required-ness stays the form’s rule', () => {
    expect(readTypedNumber('', money)).toEqual({ ok: true, text: null, notes: [] });
    expect(readTypedNumber('  ', money)).toEqual({ ok: true, text: null, notes: [] });
    expect(readTypedNumber(null, money)).toEqual({ ok: true, text: null, notes: [] });
  });

  it('reads a number the API sent back as its text', () => {
    expect(readTypedNumber(12.5, money)).toEqual({ ok: true, text: '12.5', notes: [] });
  });
});
