import { describe, expect, it } from '@jest/globals';
import { localDate } from '../calendar/index.js';
import {
  elapsedShareBetween,
  elapsedShareByMonths,
  elapsedShareOfYear,
  expectedCompletion,
  indicatorProgress,
  type IndicatorProgressInput,
  type Milestone,
} from './progress.js';

const d = localDate;

describe('elapsedShareOfYear (days through the date, inclusive, ÷ days in the year)', () => {
  it.each([
    { date: '2023-01-01', num: 1, den: 365 },
    { date: '2023-03-31', num: 90, den: 365 },
    { date: '2023-06-30', num: 181, den: 365 },
    { date: '2023-12-31', num: 365, den: 365 },
    { date: '2024-06-30', num: 182, den: 366 },
    { date: '2024-12-31', num: 366, den: 366 },
  ])('$date → $num/$den', ({ date, num, den }) => {
    const share = elapsedShareOfYear(d(date));
    expect(share.times(den).toDecimalPlaces(30).toFixed()).toBe(String(num));
    expect(share.toSignificantDigits(15).toNumber()).toBeCloseTo(num / den, 14);
  });

  it('is exactly 1 on 31 December', () => {
    expect(elapsedShareOfYear(d('2023-12-31')).toFixed()).toBe('1');
  });
});

describe('elapsedShareBetween', () => {
  it.each([
    { start: '2023-03-01', end: '2023-03-10', date: '2023-03-05', share: '0.5' },
    { start: '2023-03-01', end: '2023-03-10', date: '2023-02-01', share: '0' },
    { start: '2023-03-01', end: '2023-03-10', date: '2023-04-01', share: '1' },
    { start: '2023-03-01', end: '2023-03-10', date: '2023-03-10', share: '1' },
    { start: '2023-01-01', end: '2025-12-31', date: '2024-12-31', share: '0.667' }, // 731 / 1096 = 0.66697…
  ])('$date in $start … $end → $share', ({ start, end, date, share }) => {
    expect(elapsedShareBetween(d(start), d(end), d(date)).toDecimalPlaces(4).toFixed()).toBe(share);
  });

  it('refuses a reversed range', () => {
    expect(() => elapsedShareBetween(d('2023-03-10'), d('2023-03-01'), d('2023-03-05'))).toThrow(/颠倒/);
    // An end the day before the start is a range of no days, not a share of 0 or infinity.
    expect(() => elapsedShareBetween(d('2023-03-10'), d('2023-03-09'), d('2023-03-10'))).toThrow(/颠倒/);
    expect(elapsedShareBetween(d('2023-03-10'), d('2023-03-10'), d('2023-03-10')).toFixed()).toBe('1');
  });
});

describe('elapsedShareByMonths', () => {
  it.each([
    { month: 0, share: '0' },
    { month: 3, share: '0.25' },
    { month: 6, share: '0.5' },
    { month: 9, share: '0.75' },
    { month: 12, share: '1' },
  ])('after month $month → $share', ({ month, share }) => {
    expect(elapsedShareByMonths(month).toFixed()).toBe(share);
  });

  it('month 1 is 1/12 to 40 digits', () => {
    expect(elapsedShareByMonths(1).toFixed()).toBe('0.08333333333333333333333333333333333333333');
  });

  it.each([-1, 13, 1.5, Number.NaN])('refuses %p', (month) => {
    expect(() => elapsedShareByMonths(month)).toThrow(/月份/);
  });
});

describe('expectedCompletion (step function)', () => {
  const milestones: Milestone[] = [
    { dueDate: d('2023-03-31'), expectedPercent: 20 },
    { dueDate: d('2023-06-30'), expectedPercent: 50 },
    { dueDate: d('2023-09-30'), expectedPercent: 80 },
    { dueDate: d('2023-12-31'), expectedPercent: 100 },
  ];

  it.each([
    { date: '2023-01-15', expected: '0' },
    { date: '2023-03-30', expected: '0' },
    { date: '2023-03-31', expected: '20' },
    { date: '2023-05-15', expected: '20' },
    { date: '2023-06-30', expected: '50' },
    { date: '2023-10-08', expected: '80' },
    { date: '2023-12-31', expected: '100' },
    { date: '2024-02-01', expected: '100' },
  ])('$date → $expected %', ({ date, expected }) => {
    expect(expectedCompletion(milestones, d(date)).toFixed()).toBe(expected);
  });

  it('takes the highest due milestone, whatever their order', () => {
    const shuffled: Milestone[] = [
      { dueDate: d('2023-06-30'), expectedPercent: 60 },
      { dueDate: d('2023-03-31'), expectedPercent: 70 },
    ];
    expect(expectedCompletion(shuffled, d('2023-07-01')).toFixed()).toBe('70');
  });

  it('falls back to the elapsed share of the year × 100 without milestones', () => {
    expect(expectedCompletion([], d('2023-06-30')).toDecimalPlaces(2).toFixed()).toBe('49.59');
    expect(expectedCompletion([], d('2023-12-31')).toFixed()).toBe('100');
  });

  it.each<Milestone>([
    { dueDate: d('2023-03-31'), expectedPercent: 120 },
    { dueDate: d('2023-03-31'), expectedPercent: -1 },
    { dueDate: d('2023-03-31'), expectedPercent: Number.NaN },
    { dueDate: '2023-02-30' as Milestone['dueDate'], expectedPercent: 10 },
  ])('refuses %p', (milestone) => {
    expect(() => expectedCompletion([milestone], d('2023-06-30'))).toThrow(/第 1 个节点/);
  });
});

describe('indicatorProgress', () => {
  it.each<IndicatorProgressInput & { progress: string; expectedToDate: string; isBehind: boolean }>([
    // 入库科技型中小企业 1750 家 a year; by the end of June (share 0.5) 875 are expected.
    {
      valueToDate: 700,
      annualTarget: 1750,
      elapsedShare: '0.5',
      direction: 'higher',
      progress: '0.8',
      expectedToDate: '875',
      isBehind: true,
    },
    {
      valueToDate: 875,
      annualTarget: 1750,
      elapsedShare: '0.5',
      direction: 'higher',
      progress: '1',
      expectedToDate: '875',
      isBehind: false,
    },
    {
      valueToDate: 1000,
      annualTarget: 1750,
      elapsedShare: '0.5',
      direction: 'higher',
      progress: '1',
      expectedToDate: '875',
      isBehind: false,
    },
    {
      valueToDate: -5,
      annualTarget: 100,
      elapsedShare: '0.25',
      direction: 'higher',
      progress: '0',
      expectedToDate: '25',
      isBehind: true,
    },
    {
      valueToDate: 0,
      annualTarget: 100,
      elapsedShare: 0,
      direction: 'higher',
      progress: '1',
      expectedToDate: '0',
      isBehind: false,
    },
    {
      valueToDate: 0,
      annualTarget: 0,
      elapsedShare: 1,
      direction: 'higher',
      progress: '1',
      expectedToDate: '0',
      isBehind: false,
    },
    // R&D intensity (a level): compare the latest value with the annual target, share 1.
    {
      valueToDate: '2.1',
      annualTarget: '2.5',
      elapsedShare: 1,
      direction: 'higher',
      progress: '0.84',
      expectedToDate: '2.5',
      isBehind: true,
    },
    // Lower is better, the target a ceiling: 120 allowed for the year, 30 by the end of March.
    {
      valueToDate: 25,
      annualTarget: 120,
      elapsedShare: '0.25',
      direction: 'lower',
      progress: '1',
      expectedToDate: '30',
      isBehind: false,
    },
    {
      valueToDate: 30,
      annualTarget: 120,
      elapsedShare: '0.25',
      direction: 'lower',
      progress: '1',
      expectedToDate: '30',
      isBehind: false,
    },
    {
      valueToDate: 60,
      annualTarget: 120,
      elapsedShare: '0.25',
      direction: 'lower',
      progress: '0.5',
      expectedToDate: '30',
      isBehind: true,
    },
    {
      valueToDate: 0,
      annualTarget: 0,
      elapsedShare: 1,
      direction: 'lower',
      progress: '1',
      expectedToDate: '0',
      isBehind: false,
    },
    {
      valueToDate: 5,
      annualTarget: 0,
      elapsedShare: 1,
      direction: 'lower',
      progress: '0',
      expectedToDate: '0',
      isBehind: true,
    },
  ])(
    '$direction: $valueToDate of $annualTarget × $elapsedShare → $progress',
    ({ progress, expectedToDate, isBehind, ...input }) => {
      const result = indicatorProgress(input);
      expect(result.progress.toFixed()).toBe(progress);
      expect(result.expectedToDate.toFixed()).toBe(expectedToDate);
      expect(result.isBehind).toBe(isBehind);
    },
  );

  it('takes a share from elapsedShareByMonths exactly: 3 months of 1750 is 437.5', () => {
    const result = indicatorProgress({
      valueToDate: 350,
      annualTarget: 1750,
      elapsedShare: elapsedShareByMonths(3),
      direction: 'higher',
    });
    expect(result.expectedToDate.toFixed()).toBe('437.5');
    expect(result.progress.toFixed()).toBe('0.8');
  });

  it('refuses bad input', () => {
    expect(() => indicatorProgress({ valueToDate: 1, annualTarget: -1, elapsedShare: 1, direction: 'higher' })).toThrow(
      /年度目标值/,
    );
    expect(() =>
      indicatorProgress({ valueToDate: 1, annualTarget: 1, elapsedShare: '1.2', direction: 'higher' }),
    ).toThrow(/0–1/);
    expect(() =>
      indicatorProgress({ valueToDate: Number.NaN, annualTarget: 1, elapsedShare: 1, direction: 'higher' }),
    ).toThrow(/累计完成值/);
    expect(() =>
      indicatorProgress({ valueToDate: 1, annualTarget: 1, elapsedShare: 1, direction: 'sideways' as 'higher' }),
    ).toThrow(/指标方向/);
  });
});
