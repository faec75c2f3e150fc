import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { D } from '@app/domain';
import {
  type CountyQuarterFigures,
  type CountyQuarterInputs,
  furthestBehindFirst,
  quarterLeafInput,
  type UnitLag,
} from './quarterly-inputs.js';

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

describe("furthestBehindFirst (the bulletin's lagging list)", () => {
  const lag = (ratio: string, label: string): UnitLag => ({
    unitId: 'u',
    unitName: '章贡区',
    kind: 'indicator',
    label,
    actual: '1',
    expected: '2',
    unit: '家',
    decimals: 0,
    ratio,
    light: 'red',
  });
  // Ratios as the schedule writes them, some equal as JS numbers but not exactly (they differ past the 17th digit).
  const ratio = fc.oneof(
    fc.constantFrom(
      '0',
      '1',
      '0.5',
      '0.33333333333333333333333333333333333333',
      '0.33333333333333333333333333333333333334',
    ),
    fc.integer({ min: 1, max: 10 ** 6 - 1 }).map((n) => new D(n).div(10 ** 6 + 7).toFixed()),
    fc.bigInt({ min: 1n, max: 10n ** 40n - 1n }).map((n) => new D(`0.${n.toString().padStart(40, '0')}`).toFixed()),
  );

  it("orders by exact ratio, keeping the schedule's order among equals", () => {
    fc.assert(
      fc.property(fc.array(ratio, { maxLength: 40 }), (ratios) => {
        const lags = ratios.map((r, i) => lag(r, `指标${i}`));
        const exact = [...lags].sort((a, b) => new D(a.ratio).cmp(b.ratio));
        expect(furthestBehindFirst(lags).map((l) => l.label)).toEqual(exact.map((l) => l.label));
      }),
      { numRuns: 2000 },
    );
  });
});
