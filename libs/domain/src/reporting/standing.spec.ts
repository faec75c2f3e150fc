import { describe, expect, it } from '@jest/globals';
import { completionStanding, indicatorStanding, investmentStanding, lightOf, taskStanding } from './standing.js';

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
