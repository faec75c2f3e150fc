import { describe, expect, it } from '@jest/globals';
import { D } from '../../decimal.js';
import { evaluateScheme } from '../evaluate.js';
import { referenceEvaluateScheme } from '../testing/reference-engine/index.js';
import type { Rule, Scheme, UnitInput } from '../types.js';
import {
  fixedCompare,
  fixedDiv,
  fixedFromPlain,
  fixedMinus,
  fixedPlus,
  fixedText,
  fixedTimes,
  type Fixed,
} from './exact-fixed.js';

const fixed = (text: string): Fixed => {
  const value = fixedFromPlain(text);
  if (value === null) throw new Error(`not fixed: ${text}`);
  return value;
};

describe('fixed point gives what the domain Decimal gives', () => {
  it.each<[string, string]>([
    ['1', '3'],
    ['2', '3'],
    ['-2', '3'],
    ['0.05', '119.21'],
    ['12345678901234567890.123', '0.0007'],
    // 40 nines and a 5 in the 41st place: half-up carries into a 41st digit.
    ['9999999999999999999999999999999999999995', '10'],
    ['99999999999999999999999999999999999999949', '1'],
    ['-0.000000000000000000000000000000000000000000001', '7'],
    ['0', '-3'],
  ])('%s and %s', (a, b) => {
    const [x, y] = [new D(a), new D(b)];
    const [fx, fy] = [fixed(x.toFixed()), fixed(y.toFixed())];
    expect(fixedText(fixedPlus(fx, fy))).toBe(x.plus(y).toFixed());
    expect(fixedText(fixedMinus(fx, fy))).toBe(x.minus(y).toFixed());
    expect(fixedText(fixedTimes(fx, fy))).toBe(x.times(y).toFixed());
    expect(fixedText(fixedDiv(fx, fy))).toBe(x.div(y).toFixed());
    expect(fixedText(fixedTimes(fixedDiv(fx, fy), fy))).toBe(x.div(y).times(y).toFixed());
    expect(fixedCompare(fx, fy)).toBe(x.cmp(y));
  });

  it('leaves texts longer than 60 characters to Decimal', () => {
    expect(fixedFromPlain('0.' + '0'.repeat(57) + '1')).not.toBeNull();
    expect(fixedFromPlain('0.' + '0'.repeat(58) + '1')).toBeNull();
  });
});

/** Values on either side of the fixed-point path's limit, and inputs that only Decimal can write plainly. */
const boundaryValues: (string | number)[] = [
  '0.' + '0'.repeat(57) + '7', // 60 characters: fixed point
  '0.' + '0'.repeat(58) + '7', // 61 characters: Decimal
  '1' + '0'.repeat(59), // 60 digits
  '3' + '0'.repeat(60), // 61 digits
  '12.345678901234567890123456789012345678901234567890123456789', // 60 characters, more than 40 digits
  '1e-70', // written out by Decimal, far past the limit
  '2.50',
  7,
  1e-7,
];

function boundaryScheme(rules: Rule[]): Scheme {
  return {
    id: 'boundary',
    name: '边界',
    total: 3 * rules.length,
    criteria: rules.map((rule, i) => ({ id: `l${i}`, name: `指标${i}`, points: '3', rule })),
  };
}

describe('a value at the fixed-point limit publishes what the reference engine does', () => {
  const rules: Rule[] = [
    { kind: 'linear', direction: 'higher' },
    { kind: 'linear', direction: 'lower', floorShare: '0.35' },
    { kind: 'ratioToTarget', target: '1.75', direction: 'higher' },
    { kind: 'ratioToTarget', target: 3, direction: 'lower' },
    { kind: 'rate', cap: '0.9' },
  ];
  const units: UnitInput[] = boundaryValues.map((value, u) => ({
    unitId: `u${u}`,
    leaves: Object.fromEntries(
      rules.map((rule, i) => [
        `l${i}`,
        rule.kind === 'rate' ? { actual: value, planned: boundaryValues[(u + 1) % 9] } : { value },
      ]),
    ),
  }));

  it('for every rule that divides, within one tier and across tiers', () => {
    const scheme = boundaryScheme(rules);
    const expected = JSON.stringify(referenceEvaluateScheme(scheme, units));
    expect(JSON.stringify(evaluateScheme(scheme, units))).toBe(expected);
    const tiered = units.map((unit, u) => ({ ...unit, tier: u % 2 ? '一类' : '二类' }));
    expect(JSON.stringify(evaluateScheme(scheme, tiered))).toBe(
      JSON.stringify(referenceEvaluateScheme(scheme, tiered)),
    );
  });

  it('with points too long for fixed point, and scores too large for whole cents in a JS number', () => {
    const longPoints = '3' + '0'.repeat(65);
    const scheme: Scheme = {
      id: 'long',
      name: '长分值',
      total: longPoints,
      criteria: [{ id: 'l0', name: '指标', points: longPoints, rule: { kind: 'linear', direction: 'higher' } }],
    };
    const population = boundaryValues.map((value, u) => ({ unitId: `u${u}`, leaves: { l0: { value } } }));
    expect(JSON.stringify(evaluateScheme(scheme, population))).toBe(
      JSON.stringify(referenceEvaluateScheme(scheme, population)),
    );
  });
});
