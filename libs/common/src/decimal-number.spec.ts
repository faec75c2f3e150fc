import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { decimalPlaces, IsDecimalNumber, isDecimalNumber } from './decimal-number.js';

describe('decimalPlaces', () => {
  it.each([
    [0, 0],
    [45, 0],
    [12.5, 1],
    [-12.25, 2],
    [0.1 + 0.2, 17],
    [-1e-7, 7],
    [1e-7, 7],
    [1.25e-5, 7],
    [-0, 0],
    [1e21, 0],
    [1.5e21, 0],
    [Number.MAX_VALUE, 0],
    [Number.MIN_VALUE, 324],
  ])('%d has %i', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe('isDecimalNumber', () => {
  it.each([
    [45, true],
    [99.99, true],
    [0.001, false],
    [-1e-7, false],
    [1e-7, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [Number.NEGATIVE_INFINITY, false],
    ['45', false],
    [null, false],
    [undefined, false],
    [[], false],
    [{}, false],
  ])('%p with at most 2 places → %s', (value, expected) => {
    expect(isDecimalNumber(value, 2)).toBe(expected);
  });
});

describe('IsDecimalNumber', () => {
  class Form {
    @IsDecimalNumber(2) weight!: unknown;
  }
  const check = (weight: unknown) => {
    const form = new Form();
    form.weight = weight;
    return validateSync(form);
  };

  it('accepts two places and names the rule with its limit otherwise, without throwing on exponents', () => {
    expect(check(12.34)).toEqual([]);
    const [error] = check(-1e-7);
    expect(error?.property).toBe('weight');
    expect(Object.keys(error?.constraints ?? {})).toEqual(['isDecimalNumber']);
    expect(error?.constraints?.isDecimalNumber).toContain('2 decimal places');
  });
});
