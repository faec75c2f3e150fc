import { describe, expect, it } from '@jest/globals';
import { asWritten, canonical, writtenForm } from './numbers.js';

describe('numbers as the office wrote them', () => {
  it.each([
    ['1.80', '1.80'],
    ['6.0', '6.0'],
    ['-0.50', '-0.50'],
    ['2000', '2000'],
    // Not a form a number cell prints back: the value prints canonically instead.
    ['.5', null],
    ['007', null],
    ['1,200', null],
    [`1.${'0'.repeat(40)}`, null],
    [null, null],
  ])('writtenForm(%s) = %s', (text, expected) => {
    expect(writtenForm(text)).toBe(expected);
  });

  it.each([
    ['1.800000', '1.80', '1.80'],
    ['6.000000', '6.0', '6.0'],
    ['6.000000', null, '6'],
    // Another writer changed the value since: the stale written form is not printed.
    ['2.500000', '1.80', '2.5'],
    [null, '1.80', null],
  ])('asWritten(%s, %s) = %s', (value, written, expected) => {
    expect(asWritten(value, written)).toBe(expected);
  });

  it('canonical drops the trailing zeros of numeric(20,6)', () => {
    expect(canonical('2000.000000')).toBe('2000');
  });
});
