import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { D, fmt } from './decimal.js';
import { evaluateScheme } from './scoring/evaluate.js';
import { referenceEvaluateScheme } from './scoring/testing/reference-engine/index.js';
import type { Rule, Scheme, UnitInput } from './scoring/types.js';
import {
  decimalSum,
  fixedCompare,
  fixedDiv,
  fixedFmt,
  fixedFromPlain,
  fixedFromText,
  fixedMinus,
  fixedPlaces,
  fixedPlus,
  fixedText,
  fixedTimes,
  fixedWhole,
  type Fixed,
} from './fixed-decimal.js';

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
    // A quotient of exactly 40 digits and a half: the remainder decides, and half goes up.
    ['1000000000000000000000000000000000000002', '8'],
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

  it.each(['0', '2.5', '-2.5', '3', '-3', '0.000001', '-0.000001', '123456789012345678901234567890.5'])(
    'ceil and floor of %s',
    (text) => {
      expect(fixedText(fixedWhole(fixed(text), true))).toBe(new D(text).ceil().toFixed());
      expect(fixedText(fixedWhole(fixed(text), false))).toBe(new D(text).floor().toFixed());
    },
  );

  it.each([
    '0.1234565',
    '-0.1234565',
    '0.1234564999',
    '0.0000004',
    '-0.0000004',
    '-0.0000005',
    '0.9999995',
    '-99.9999996',
    '12.5',
    '12.500000',
    '3',
    '0.333333333333333333333333333333333333333',
  ])('fmt of %s', (text) => {
    expect(fixedFmt(fixed(text))).toBe(fmt(new D(text)));
    // The same value with trailing zeros in its coefficient, as a 40-digit result carries them.
    const padded = fixed(text);
    expect(fixedFmt({ coef: padded.coef * 10n ** 20n, scale: padded.scale + 20 })).toBe(fmt(new D(text)));
  });

  it('divides, adds, subtracts and compares as Decimal does over short and long coefficients', () => {
    const value = fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 50n })),
        fc.integer({ min: 0, max: 45 }),
      )
      .map(([negative, coef, scale]) => ({ coef: negative ? -coef : coef, scale }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const [x, y] = [new D(fixedText(a)), new D(fixedText(b))];
        if (b.coef !== 0n) expect(fixedText(fixedDiv(a, b))).toBe(x.div(y).toFixed());
        expect(fixedText(fixedPlus(a, b))).toBe(x.plus(y).toFixed());
        expect(fixedText(fixedMinus(a, b))).toBe(x.minus(y).toFixed());
        expect(fixedCompare(a, b)).toBe(x.cmp(y));
      }),
      { numRuns: 3000 },
    );
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
  // Written otherwise than `toFixed()` would, or zero and below: the value-and-target rules parse these as read.
  '-0',
  -0,
  '0.0',
  ' 3 ',
  '+2',
  '-1.5',
  0,
  '1e3',
  '-0.00',
  '12.30',
  '100.0',
  '-7.50',
];

function boundaryScheme(rules: Rule[]): Scheme {
  return {
    id: 'boundary',
    name: '边界',
    total: 3 * rules.length,
    criteria: rules.map((rule, i) => ({ id: `l${i}`, name: `指标${i}`, points: '3', rule })),
  };
}

describe('texts from outside and values printed with places, as Decimal reads and prints them', () => {
  it('reads plain texts only, exactly', () => {
    for (const text of ['0', '-0', '12.50', '-0.001', '123456789012345678901234567890.0123456789'])
      expect(fixedText(fixedFromText(text)!)).toBe(new D(text).toFixed());
    for (const text of ['', '.', '.5', '5.', '+5', ' 5', '5 ', '1e3', '0x10', 'NaN', 'Infinity', '1_0', '1'.repeat(61)])
      expect(fixedFromText(text)).toBeNull();
  });

  it('rounds half-up to the places and never prints -0', () => {
    const text = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 42n }), fc.integer({ min: 0, max: 45 }))
      .map(([negative, coef, scale]) => fixedText({ coef: negative ? -coef : coef, scale }));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 12 }), (t, places) => {
        const decimal = new D(t).toDecimalPlaces(places, D.ROUND_HALF_UP);
        expect(fixedPlaces(fixed(t), places)).toBe(
          decimal.isZero() ? decimal.abs().toFixed(places) : decimal.toFixed(places),
        );
      }),
      { numRuns: 3000 },
    );
    expect(fixedPlaces(fixed('-0.005'), 2)).toBe('-0.01');
    expect(fixedPlaces(fixed('-0.0049'), 2)).toBe('0.00');
    expect(fixedPlaces(fixed('2.5'), 0)).toBe('3');
    expect(fixedPlaces(fixed('7'), 3)).toBe('7.000');
  });
});

describe('decimalSum adds as the domain Decimal adds, term by term', () => {
  const term = fc.oneof(
    fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 42n }), fc.integer({ min: 0, max: 45 }))
      .map(([negative, coef, scale]) => fixedText({ coef: negative ? -coef : coef, scale })),
    // Ratios as a schedule prints them, and texts the fixed-point path leaves to Decimal (long, with exponents).
    fc.integer({ min: 1, max: 999 }).map((n) => new D(n).div(997).toFixed()),
    fc.constantFrom('1', '0', '1e-45', `0.${'0'.repeat(50)}17`, '-2.5e3'),
  );

  it('gives what reduce with Decimal plus gives', () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 25 }), (texts) => {
        expect(decimalSum(texts)).toBe(texts.reduce((sum, text) => sum.plus(text), new D(0)).toFixed());
      }),
      { numRuns: 3000 },
    );
  });

  it("rounds each partial sum to 40 digits (three thirds are one short of 1, not 1 as decimal.js's default 20 digits give)", () => {
    const third = new D(1).div(3).toFixed();
    expect(decimalSum([third, third, third])).toBe(`0.${'9'.repeat(40)}`);
    expect(decimalSum([])).toBe('0');
  });
});

describe('a value at the fixed-point limit publishes what the reference engine does', () => {
  const rules: Rule[] = [
    { kind: 'linear', direction: 'higher' },
    { kind: 'linear', direction: 'lower', floorShare: '0.35' },
    { kind: 'ratioToTarget', target: '1.75', direction: 'higher' },
    { kind: 'ratioToTarget', target: 3, direction: 'lower' },
    { kind: 'rate', cap: '0.9' },
    {
      kind: 'shortfall',
      target: '2.50',
      step: '0.01',
      pointsPerStep: '0.02',
      partialStepCounts: true,
      direction: 'higher',
    },
    { kind: 'shortfall', target: 3, step: '0.7', pointsPerStep: '0.25', partialStepCounts: false, direction: 'lower' },
    { kind: 'threshold', operator: '>', target: '0' },
    { kind: 'threshold', operator: '<=', target: '2.5' },
  ];
  const units: UnitInput[] = boundaryValues.map((value, u) => ({
    unitId: `u${u}`,
    leaves: Object.fromEntries(
      rules.map((rule, i) => [
        `l${i}`,
        rule.kind === 'rate' ? { actual: value, planned: boundaryValues[(u + 1) % boundaryValues.length] } : { value },
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

describe('a survey at the limits of the integer and fixed-point tallies publishes what the reference engine does', () => {
  const longPoints = '3' + '0'.repeat(65);
  const rules: [Rule, string | number][] = [
    [{ kind: 'likert' }, 5],
    [{ kind: 'likert', dontKnowInDenominator: true }, '2.5'],
    [{ kind: 'likert', weights: ['99.5', 70, '33.3', 0], labels: ['甲', '乙', '丙', '丁'] }, 5],
    // A threshold and points too long for fixed point: the divisions stay with Decimal.
    [{ kind: 'likert', threshold: '0.' + '3'.repeat(60) }, 5],
    [{ kind: 'likert' }, longPoints],
  ];
  const answers: { counts: (number | string)[]; dontKnow?: number | string }[] = [
    { counts: [60, 25, 10, 3, 2], dontKnow: 10 },
    { counts: [7, 0, 0, 0, 1] },
    { counts: ['60', 25, 10, 3, 2], dontKnow: 10 },
    { counts: [60, 25, 10, 3, 2], dontKnow: '4' },
    // Σ(count × weight) beyond a safe integer: the Decimal tally.
    { counts: [Number.MAX_SAFE_INTEGER, 1, 0, 0, 0], dontKnow: 0 },
    { counts: ['123456789012345678901234567890', 3, 0, 0, 1] },
    { counts: [0, 0, 0, 0, 0], dontKnow: 3 },
    { counts: [3, -1, 0, 0, 0] },
  ];
  const scheme: Scheme = {
    id: 'survey',
    name: '问卷',
    total: longPoints,
    criteria: rules.map(([rule, points], i) => ({ id: `l${i}`, name: `指标${i}`, points, rule })),
  };
  const units: UnitInput[] = answers.map((answer, u) => ({
    unitId: `u${u}`,
    leaves: Object.fromEntries(
      rules.map(([rule], i) => {
        const fourOptions = rule.kind === 'likert' && rule.weights !== undefined;
        return [`l${i}`, fourOptions ? { ...answer, counts: answer.counts.slice(1) } : answer];
      }),
    ),
  }));

  it('for whole counts, counts as texts, and tallies too large for JS integers', () => {
    expect(JSON.stringify(evaluateScheme(scheme, units))).toBe(JSON.stringify(referenceEvaluateScheme(scheme, units)));
  });
});
