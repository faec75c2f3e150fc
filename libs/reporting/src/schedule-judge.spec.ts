import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { fixedFromText, fixedIndicatorStanding, smallFromText, smallIndicatorStanding } from '@app/domain';
import { elapsedShareOfMonths, judgeIndicator, type IndicatorFigures } from './schedule-progress.js';

/**
 * The indicator judgement as it was before the fixed-point path, written plainly in Decimal: what the lagging list,
 * the dashboard and the bulletin printed. Kept here, apart from the domain rule, so a change to either shows.
 */
const R = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

function referencePrinted(value: Decimal, places: number): string {
  // toFixed of a negative value that rounds to zero prints -0.00; the rounded value prints 0.00.
  return value.isNeg()
    ? value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places)
    : value.toFixed(places, Decimal.ROUND_HALF_UP);
}

function referenceJudge(figures: IndicatorFigures, month: number) {
  const actual = figures.actual === null ? null : new R(figures.actual);
  const value = actual ?? new R(0);
  const target = new R(figures.target.trim());
  const share = figures.aggregation === 'additive' ? new R(month).div(12) : new R(1);
  if (target.lt(0)) throw new RangeError('年度目标值不能为负');
  const expected = target.times(share);
  const higher = figures.direction === 'higher';
  const ratio = higher
    ? expected.lte(0) || value.gte(expected)
      ? new R(1)
      : R.max(0, R.min(1, value.div(expected)))
    : value.lte(expected)
      ? new R(1)
      : expected.div(value);
  const behind = higher ? expected.minus(value) : value.minus(expected);
  const points = behind.lte(0) || target.isZero() ? new R(0) : behind.div(target).times(100);
  const light = ratio.lt('0.5') ? 'red' : ratio.lt('0.8') ? 'yellow' : 'green';
  return {
    actual: actual === null ? null : referencePrinted(actual, figures.decimals),
    expected: referencePrinted(expected, figures.decimals),
    ratioText: ratio.toFixed(),
    light,
    lagging: light !== 'green',
    shortfall: referencePrinted(points.lte(0) ? new R(0) : points, 2),
  };
}

function judged(figures: IndicatorFigures, month: number) {
  return judgeIndicator(figures, elapsedShareOfMonths(month));
}

/** Plain decimal texts as PostgreSQL prints numerics: zero, signs, long fractions, 40+ digits. */
const plainText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 10n ** 45n })),
    fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[0-9]{1,30}$/)),
  )
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);

/**
 * Indicators with figures written as `figure` writes them, half of them near their target: exactly at it or a multiple
 * of it, where progress is 1, 0.5, 0.8 or rounds to them (the comparisons and divisions at their boundaries).
 */
function indicatorsNearTarget(figure: fc.Arbitrary<string>, target: fc.Arbitrary<string>) {
  return fc
    .record({
      actual: fc.option(figure, { nil: null }),
      target,
      direction: fc.constantFrom<'higher' | 'lower'>('higher', 'lower'),
      aggregation: fc.constantFrom('additive', 'ratio'),
      decimals: fc.integer({ min: 0, max: 6 }),
    })
    .chain((f) =>
      fc.oneof(
        fc.constant(f),
        fc
          .constantFrom('1', '0.5', '0.8', '0.4999', '0.79999', '1.0001', '0.125', '0.005')
          .map((k) => ({ ...f, actual: new R(f.target).abs().times(k).toFixed() })),
      ),
    );
}

const figures = indicatorsNearTarget(plainText, fc.oneof(plainText, fc.constantFrom('0', '100', '120', '0.5', '3')));

const month = fc.integer({ min: 0, max: 12 });

function sameAsReference(f: IndicatorFigures, m: number): void {
  let expected: unknown;
  try {
    expected = referenceJudge(f, m);
  } catch (error) {
    expect(() => judged(f, m)).toThrow((error as Error).message);
    return;
  }
  expect(judged(f, m)).toEqual(expected);
}

describe('judgeIndicator prints what the Decimal judgement printed', () => {
  it('for random plain figures, directions, aggregations and places', () => {
    fc.assert(fc.property(figures, month, sameAsReference), { numRuns: 4000 });
  });

  it.each<[string | null, string, 'higher' | 'lower', number]>([
    // Half-up at the printed places, on either side of zero.
    ['0.125', '100', 'higher', 2],
    ['-0.125', '100', 'higher', 2],
    ['-0.004', '100', 'higher', 2],
    ['-0.005', '100', 'lower', 2],
    ['2.5', '3', 'higher', 0],
    // Ratios just under a light's boundary, and a quotient that rounds up to 1 at 40 digits.
    ['49.999999999999999999999999999999999999999', '100', 'higher', 2],
    ['79.99', '100', 'higher', 2],
    ['80', '100', 'higher', 2],
    ['50', '100', 'higher', 2],
    ['99.99999999999999999999999999999999999999999', '100', 'higher', 2],
    ['200', '100', 'lower', 2],
    ['100.000000000000000000000000000000000000000001', '100', 'lower', 2],
    [null, '7', 'higher', 3],
    ['-0', '-0', 'higher', 1],
    ['5', '0', 'lower', 2],
  ])('%s against %s, %s is better, %d places', (actual, target, direction, decimals) => {
    for (const aggregation of ['additive', 'ratio'])
      for (const m of [0, 3, 7, 12]) sameAsReference({ actual, target, direction, aggregation, decimals }, m);
  });

  it('judges texts PostgreSQL would not print, and refuses what the rule refuses, as Decimal does', () => {
    for (const actual of ['+5', ' 5', '1e2', '.5', '5.', '1E-50'])
      sameAsReference({ actual, target: '80', direction: 'higher', aggregation: 'additive', decimals: 2 }, 6);
    sameAsReference({ actual: '5', target: '1e2', direction: 'lower', aggregation: 'additive', decimals: 2 }, 6);
    sameAsReference({ actual: '5', target: '-1', direction: 'higher', aggregation: 'additive', decimals: 2 }, 6);
    expect(() =>
      judged({ actual: '5', target: '1', direction: 'sideways' as 'higher', aggregation: 'ratio', decimals: 2 }, 6),
    ).toThrow('未知的指标方向');
  });

  it("for small figures at every month, a quarter's end most of all", () => {
    // A county's figures as PostgreSQL prints them: what the small path (JS numbers) judges.
    const small = fc
      .tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 4 }))
      .map(([coef, scale]) => new R(coef).div(10 ** scale).toFixed(scale));
    const smallFigures = indicatorsNearTarget(small, small);
    const months = fc.oneof(fc.constantFrom(3, 6, 9, 12), month);
    fc.assert(fc.property(smallFigures, months, sameAsReference), { numRuns: 6000 });
  });

  it("takes the small path for a county's figures at a quarter's end", () => {
    for (const m of [3, 6, 9, 12]) {
      const share = elapsedShareOfMonths(m).small;
      expect(share).not.toBeNull();
      const standing = smallIndicatorStanding({
        value: smallFromText('41.5'),
        annualTarget: smallFromText('120')!,
        elapsedShare: share!,
        direction: 'higher',
        aggregation: 'additive',
      });
      expect(standing).not.toBeNull();
    }
    // Other months' shares are 40-digit quotients (11 ÷ 12): the fixed-point path judges those.
    expect(elapsedShareOfMonths(11).small).toBeNull();
  });

  it('takes the fixed-point path for plain figures', () => {
    for (const text of ['0', '-12.5', '123456789012345678901234567890.123456789']) {
      const standing = fixedIndicatorStanding({
        value: fixedFromText(text),
        annualTarget: fixedFromText('100')!,
        elapsedShare: elapsedShareOfMonths(5).fixed,
        direction: 'higher',
        aggregation: 'additive',
      });
      expect(standing).not.toBeNull();
    }
  });
});
