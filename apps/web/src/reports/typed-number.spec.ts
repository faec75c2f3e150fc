import { describe, expect, it } from '@jest/globals';
import { conversionNote, parseTypedNumber } from './typed-number';

const money = { decimals: 2, unit: '万元' };

describe('parseTypedNumber (a typed number is accepted as typed, converted with a note, or refused)', () => {
  it.each([
    ['', money, { kind: 'empty' }],
    ['   ', money, { kind: 'empty' }],
    ['30', money, { kind: 'number', value: '30', converted: false }],
    [' 1200.50 ', money, { kind: 'number', value: '1200.50', converted: false }],
    ['０', money, { kind: 'number', value: '0', converted: true }],
    ['３０', money, { kind: 'number', value: '30', converted: true }],
    ['１２．５', money, { kind: 'number', value: '12.5', converted: true }],
    ['abc', money, { kind: 'invalid', reason: '请输入数字（如 12.5），不要带单位或其他文字' }],
    ['12万', money, { kind: 'invalid', reason: '请输入数字（如 12.5），不要带单位或其他文字' }],
    ['1,200', money, { kind: 'invalid', reason: '请输入数字（如 12.5），不要带单位或其他文字' }],
    ['1e3', money, { kind: 'invalid', reason: '请输入数字（如 12.5），不要带单位或其他文字' }],
    ['-50', money, { kind: 'invalid', reason: '不能为负数' }],
    ['－５０', money, { kind: 'invalid', reason: '不能为负数' }],
    ['1.005', money, { kind: 'invalid', reason: '最多保留 2 位小数' }],
    ['3.5', { decimals: 0 }, { kind: 'invalid', reason: '请输入整数' }],
    ['150', { decimals: 2, max: '100', unit: '%' }, { kind: 'invalid', reason: '不能超过 100%' }],
    ['100.01', { decimals: 2, max: '100', unit: '%' }, { kind: 'invalid', reason: '不能超过 100%' }],
    ['100.00', { decimals: 2, max: '100', unit: '%' }, { kind: 'number', value: '100.00', converted: false }],
    ['0099', { decimals: 2, max: '100', unit: '%' }, { kind: 'number', value: '0099', converted: false }],
    ['1000', { decimals: 2, max: '999.5', unit: '%' }, { kind: 'invalid', reason: '不能超过 999.5%' }],
    ['999.4', { decimals: 2, max: '999.5', unit: '%' }, { kind: 'number', value: '999.4', converted: false }],
  ])('%j with %j', (typed, limits, expected) => {
    expect(parseTypedNumber(typed, limits)).toEqual(expected);
  });

  it('names what was converted', () => {
    expect(conversionNote(' ３０ ', '30')).toBe('已将全角字符“３０”转换为“30”');
  });
});
