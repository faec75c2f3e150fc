import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { D } from '@app/domain';
import {
  type CountyQuarterFigures,
  type CountyQuarterInputs,
  plainDecimal,
  quarterLeafInput,
} from './quarterly-inputs.js';

describe('plainDecimal (a plain decimal text as its Decimal prints it with toFixed())', () => {
  it.each([
    '150.000000',
    '12.50',
    '12.05',
    '0.00',
    '0.000100',
    '100',
    '0',
    '-1.50',
    '-0.00',
    '1000.0',
    '3.141592',
    '-20',
  ])('%s', (text) => {
    expect(plainDecimal(text)).toBe(new Decimal(text).toFixed());
  });
});

describe("quarterLeafInput (a county's input to a leaf of the quarterly scheme)", () => {
  const third = new D(1).div(3).toFixed();
  const inputs: CountyQuarterInputs = {
    unitId: 'u',
    indicators: [],
    tasks: [],
    reports: { onTime: 2, late: 1, missing: 0 },
  };
  const figures: CountyQuarterFigures = {
    indicatorRatios: [third, third, third],
    taskRatios: [],
    redIndicator: false,
    taskBehind: false,
  };

  it("sums a county's ratios in the domain's 40 digits, not decimal.js's default 20", () => {
    // With 20 digits the sum rounded to 1; the leaf's rate then read 3 of 3 indicators fully met.
    expect(quarterLeafInput({ type: 'indicatorProgress' }, inputs, figures)).toEqual({
      actual: `0.${'9'.repeat(40)}`,
      planned: 3,
    });
  });

  it('gives a leaf without figures no score of its own, with the reason', () => {
    expect(quarterLeafInput({ type: 'taskProgress' }, inputs, figures)).toEqual({
      notMeasurable: true,
      reason: '本季度未承担任务',
    });
    expect(quarterLeafInput({ type: 'timeliness' }, inputs, figures)).toEqual({ actual: 2, planned: 3 });
    expect(quarterLeafInput({ type: 'lateReports' }, inputs, figures)).toEqual({ count: 1 });
  });
});
