import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fixedFromPlain, fixedPlaces, fixedText } from '../fixed-decimal.js';
import { D } from '../decimal.js';
import { smallFromText, smallPlaces } from '../small-decimal.js';
import {
  completionStanding,
  fixedIndicatorStanding,
  indicatorStanding,
  investmentStanding,
  lightOf,
  smallIndicatorStanding,
  taskStanding,
} from './standing.js';

describe('lightOf (绿灯 from 80 % of the expected amount, 红灯 below 50 %)', () => {
  it.each([
    ['1', 'green'],
    ['0.8', 'green'],
    ['0.7999', 'yellow'],
    ['0.5', 'yellow'],
    ['0.4999', 'red'],
    ['0', 'red'],
  ])('%s → %s', (ratio, light) => {
    expect(lightOf(ratio)).toBe(light);
  });
});

describe('completionStanding (task assignments, shortfall in 百分点)', () => {
  it.each([
    // completion, expected, ratio, light, lagging, shortfall
    ['20', '24.66', '0.811', 'green', false, '4.66'],
    ['15', '24.66', '0.6083', 'yellow', true, '9.66'],
    ['10', '24.66', '0.4055', 'red', true, '14.66'],
    [null, '24.66', '0', 'red', true, '24.66'],
    ['30', '24.66', '1', 'green', false, '0'],
    ['0', '0', '1', 'green', false, '0'],
    ['100', '100', '1', 'green', false, '0'],
  ] as const)('%s %% against %s %% → ratio %s, %s', (completion, expected, ratio, light, lagging, shortfall) => {
    const s = completionStanding(completion, expected);
    expect(s.ratio.toDecimalPlaces(4).toFixed()).toBe(ratio);
    expect(s.light).toBe(light);
    expect(s.lagging).toBe(lagging);
    expect(s.shortfall.toFixed()).toBe(shortfall);
  });
});

describe('investmentStanding (key projects, shortfall in 万元)', () => {
  it('holds investment to date against the annual plan × elapsed share', () => {
    const s = investmentStanding('1500', '12000', '0.25');
    expect(s.expected.toFixed()).toBe('3000');
    expect(s.ratio.toFixed()).toBe('0.5');
    expect(s.light).toBe('yellow');
    expect(s.shortfall.toFixed()).toBe('1500');
  });

  it('is red with nothing reported, green when ahead, green when nothing is planned yet', () => {
    expect(investmentStanding(null, '12000', '0.25')).toMatchObject({ light: 'red', lagging: true });
    expect(investmentStanding('4000', '12000', '0.25').shortfall.toFixed()).toBe('0');
    expect(investmentStanding('0', '12000', '0')).toMatchObject({ light: 'green', lagging: false });
  });
});

describe('indicatorStanding (county indicators, shortfall in 百分点 of the annual target)', () => {
  it('holds an additive indicator to target × elapsed share', () => {
    const s = indicatorStanding({
      value: '60',
      annualTarget: '400',
      elapsedShare: '0.25',
      direction: 'higher',
      aggregation: 'additive',
    });
    expect(s.expected.toFixed()).toBe('100');
    expect(s.ratio.toFixed()).toBe('0.6');
    expect(s.light).toBe('yellow');
    // 25 % of the year's target expected, 15 % reached.
    expect(s.shortfall.toFixed()).toBe('10');
  });

  it('holds a ratio indicator (R&D intensity) to its full target whatever the date', () => {
    const s = indicatorStanding({
      value: '1.2',
      annualTarget: '2',
      elapsedShare: '0.25',
      direction: 'higher',
      aggregation: 'ratio',
    });
    expect(s.expected.toFixed()).toBe('2');
    expect(s.ratio.toFixed()).toBe('0.6');
    expect(s.shortfall.toFixed()).toBe('40');
  });

  it('for lower-is-better counts the excess over the allowance', () => {
    const s = indicatorStanding({
      value: '150',
      annualTarget: '400',
      elapsedShare: '0.25',
      direction: 'lower',
      aggregation: 'additive',
    });
    // Allowance 100 by now, 150 used: 100 ÷ 150, 12.5 points of the target over.
    expect(s.ratio.toDecimalPlaces(4).toFixed()).toBe('0.6667');
    expect(s.light).toBe('yellow');
    expect(s.shortfall.toFixed()).toBe('12.5');
  });

  it('counts a missing value as 0', () => {
    expect(
      indicatorStanding({
        value: null,
        annualTarget: '10',
        elapsedShare: '0.5',
        direction: 'higher',
        aggregation: 'additive',
      }),
    ).toMatchObject({ light: 'red', lagging: true });
  });
});

describe('smallIndicatorStanding (small operands in JS numbers)', () => {
  /** A county's figure or target as PostgreSQL prints it. */
  const figure = fc
    .tuple(fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: 0, max: 4 }))
    .map(([coef, scale]) => fixedText({ coef: BigInt(coef), scale }));
  const shares = ['0', '0.25', '0.5', '0.75', '1', '0.125'];

  it('gives the fixed-point standing, printed, or null where it does not judge', () => {
    fc.assert(
      fc.property(
        fc.option(figure, { nil: null }),
        figure,
        fc.constantFrom(...shares),
        fc.constantFrom('higher', 'lower'),
        fc.constantFrom('additive', 'ratio'),
        fc.constantFrom('1', '0.5', '0.8', '0.4999', '0.79999', '1.0001', '0.005', null),
        (value, target, share, direction, aggregation, near) => {
          // Figures at a light's line, or at a multiple of the target, as often as anywhere else.
          const actual = near === null ? value : fixedText(fixedFromPlain(new D(target).times(near).toFixed())!);
          const input = { direction, aggregation } as const;
          const small = smallIndicatorStanding({
            ...input,
            value: actual === null ? null : smallFromText(actual),
            annualTarget: smallFromText(target)!,
            elapsedShare: smallFromText(share)!,
          });
          const fixed = fixedIndicatorStanding({
            ...input,
            value: actual === null ? null : fixedFromPlain(actual),
            annualTarget: fixedFromPlain(target)!,
            elapsedShare: fixedFromPlain(share)!,
          })!;
          if (actual !== null && smallFromText(actual) === null) return;
          expect(small).not.toBeNull();
          expect({
            ratio: small!.ratioText,
            light: small!.light,
            lagging: small!.lagging,
            shortfall: small!.shortfallText,
            expected: smallPlaces(small!.expected, 6),
          }).toEqual({
            ratio: fixedText(fixed.ratio),
            light: fixed.light,
            lagging: fixed.lagging,
            shortfall: fixedPlaces(fixed.shortfall, 2),
            expected: fixedPlaces(fixed.expected, 6),
          });
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('refuses what it cannot judge exactly in JS numbers, and what the rule refuses', () => {
    const base = {
      value: smallFromText('50'),
      annualTarget: smallFromText('100')!,
      elapsedShare: smallFromText('0.5')!,
      direction: 'higher',
      aggregation: 'additive',
    } as const;
    expect(smallIndicatorStanding(base)).toMatchObject({ ratioText: '1', light: 'green', shortfallText: '0.00' });
    expect(smallIndicatorStanding({ ...base, elapsedShare: smallFromText('1.5')! })).toBeNull();
    expect(smallIndicatorStanding({ ...base, direction: 'sideways' as 'higher' })).toBeNull();
    expect(smallIndicatorStanding({ ...base, annualTarget: smallFromText('900000000000000')! })).toBeNull();
  });
});

describe('taskStanding (a shared task stands as its worst assignment)', () => {
  const a = (light: 'green' | 'yellow' | 'red', done = false) => ({ light, done });
  it.each([
    [[a('green', true), a('green', true)], 'done', 'green'],
    [[a('green', true), a('green')], 'on_track', 'green'],
    [[a('green', true), a('yellow')], 'lagging', 'yellow'],
    [[a('yellow'), a('red'), a('green')], 'lagging', 'red'],
    [[], 'on_track', 'green'],
  ] as const)('%j → %s, %s', (assignments, state, light) => {
    expect(taskStanding(assignments)).toEqual({ state, light });
  });
});
