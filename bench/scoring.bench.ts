/**
 * Scoring benchmark: a synthetic 20-leaf scheme (every rule kind) and 3,000 units in 3 tiers,
 * evaluated and ranked at once. Target: under 0.3 s.
 *   node --import ./scripts/ts-loader.mjs bench/scoring.bench.ts
 *
 * Figure: the median of RUNS full evaluations (evaluateScheme with commendation: validation, every
 * leaf scored with its explanation, tier averages, bonus and penalty caps, grades and ranks).
 * Floor, measured in the same run on the same population: the irreducible arithmetic of a year-end
 * table, with nothing else. For every unit, each of the 20 leaf inputs' first number is parsed as a
 * Decimal, multiplied by the leaf's points and added to the unit's total; the total is rounded to
 * 2 decimals and printed as text; then each tier is sorted by total (Decimal comparison). No rules,
 * no explanations, no validation. Median of RUNS, like the figure.
 * Peak memory: the process's peak resident set size (maxRSS) after all runs.
 * The last line is `ratio N`: figure ÷ floor, 2 decimals.
 */
import { performance } from 'node:perf_hooks';
import {
  D,
  evaluateScheme,
  type Dec,
  type Criterion,
  type LeafInput,
  type Rule,
  type Scheme,
  type UnitInput,
} from '../libs/domain/src/scoring/index.js';

const UNITS = 3000;
const TIERS = ['一类', '二类', '三类'];
const RUNS = 7;

/** mulberry32: seeded, so every run scores the same population. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const leafRules: Rule[] = [
  { kind: 'linear', direction: 'higher' },
  { kind: 'linear', direction: 'higher' },
  { kind: 'linear', direction: 'lower' },
  { kind: 'linear', direction: 'higher', floorShare: '0.6' },
  { kind: 'linear', direction: 'higher' },
  { kind: 'linear', direction: 'lower', floorShare: '0.5' },
  { kind: 'ratioToTarget', target: 100, direction: 'higher' },
  { kind: 'ratioToTarget', target: '2.5', direction: 'lower' },
  { kind: 'ratioToTarget', target: 1750, direction: 'higher' },
  {
    kind: 'shortfall',
    target: '2.50',
    step: '0.01',
    pointsPerStep: '0.02',
    partialStepCounts: true,
    direction: 'higher',
  },
  { kind: 'shortfall', target: 30, step: 3, pointsPerStep: 1, partialStepCounts: false, direction: 'higher' },
  { kind: 'shortfall', target: 10, step: 1, pointsPerStep: '0.25', partialStepCounts: true, direction: 'lower' },
  { kind: 'rate' },
  { kind: 'rate', cap: '0.9' },
  { kind: 'threshold', operator: '>=', target: 50 },
  {
    kind: 'checklist',
    items: [
      { id: 'a', name: '甲', points: 2 },
      { id: 'b', name: '乙', points: 3 },
    ],
  },
  { kind: 'perEvent', pointsPerEvent: 1 },
  { kind: 'manual' },
  { kind: 'likert' },
  { kind: 'likert', dontKnowInDenominator: true },
];

const leaves: Criterion[] = leafRules.map((rule, i) => ({ id: `l${i + 1}`, name: `指标${i + 1}`, points: 5, rule }));
const scheme: Scheme = {
  id: 'bench',
  name: '基准方案',
  total: 100,
  criteria: [0, 1, 2, 3].map((g) => ({
    id: `g${g + 1}`,
    name: `一级${g + 1}`,
    points: 25,
    children: leaves.slice(g * 5, g * 5 + 5),
  })),
  bonus: {
    cap: 15,
    items: [
      { id: 'b.unicorn', name: '独角兽', points: 5 },
      { id: 'b.gazelle', name: '瞪羚', points: 1 },
    ],
  },
  penalties: { items: [{ id: 'p.late', name: '迟报', points: 1 }] },
  vetoItems: [{ id: 'v.integrity', name: '重大科研诚信问题' }],
};

function inputFor(rule: Rule, random: () => number): LeafInput {
  const r = random();
  switch (rule.kind) {
    case 'linear':
    case 'ratioToTarget':
    case 'threshold':
      return { value: (r * 120).toFixed(2), evidence: ['统计公报'] };
    case 'shortfall':
      return { value: (r * 35).toFixed(2) };
    case 'rate':
      return { actual: (r * 1200).toFixed(2), planned: '1000.00' };
    case 'checklist':
      return { satisfied: r < 0.5 ? ['a'] : ['a', 'b'] };
    case 'perEvent':
      return { count: Math.floor(r * 8) };
    case 'manual':
      return { score: (r * 5).toFixed(1), reason: '评审意见' };
    case 'likert':
      return { counts: [60, 25, 10, 3, 2].map((c) => Math.floor(c * (0.5 + r))), dontKnow: Math.floor(r * 10) };
  }
}

const random = seededRandom(42);
const units: UnitInput[] = Array.from({ length: UNITS }, (_, u) => ({
  unitId: `unit-${u}`,
  tier: TIERS[u % TIERS.length] as string,
  leaves: Object.fromEntries(
    leafRules.map((rule, i) => [
      `l${i + 1}`,
      rule.kind === 'linear' && random() < 0.01 ? { notMeasurable: true } : inputFor(rule, random),
    ]),
  ),
  bonus: [
    { itemId: 'b.unicorn', count: Math.floor(random() * 3) },
    { itemId: 'b.gazelle', count: Math.floor(random() * 5) },
  ],
  penalties: random() < 0.2 ? [{ itemId: 'p.late', count: 1 }] : [],
  vetoes: random() < 0.02 ? [{ itemId: 'v.integrity' }] : [],
}));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The first number of a leaf input, as the floor reads it (the same parse the engine does once per input). */
function firstNumber(input: LeafInput | undefined): string | number {
  if (input === undefined || 'notMeasurable' in input) return 0;
  if ('value' in input) return input.value;
  if ('actual' in input) return input.actual;
  if ('score' in input) return input.score;
  if ('count' in input) return input.count;
  if ('counts' in input) return input.counts[0] ?? 0;
  return input.satisfied.length;
}

const leafPoints = leaves.map((leaf) => new D(leaf.points));
const leafIds = leaves.map((leaf) => leaf.id);

function floorRun(): number {
  const byTier = new Map<string, { unitId: string; total: Dec; text: string }[]>();
  for (const unit of units) {
    let total = new D(0);
    for (let i = 0; i < leafIds.length; i++) {
      total = total.plus(new D(firstNumber(unit.leaves[leafIds[i] as string])).times(leafPoints[i] as Dec));
    }
    const rounded = total.toDecimalPlaces(2);
    const list = byTier.get(unit.tier ?? '') ?? [];
    list.push({ unitId: unit.unitId, total: rounded, text: rounded.toFixed(2) });
    byTier.set(unit.tier ?? '', list);
  }
  let checksum = 0;
  for (const list of byTier.values()) {
    list.sort((a, b) => b.total.cmp(a.total));
    checksum += list.length;
  }
  return checksum;
}

const times: number[] = [];
const floorTimes: number[] = [];
let errors = 0;
evaluateScheme(scheme, units, { commendation: true }); // warm-up
floorRun();
// Floor and figure alternate, so a change in the machine's load falls on both.
for (let run = 0; run < RUNS; run++) {
  let start = performance.now();
  if (floorRun() !== UNITS) throw new Error('the floor lost units');
  floorTimes.push(performance.now() - start);
  start = performance.now();
  const evaluation = evaluateScheme(scheme, units, { commendation: true });
  times.push(performance.now() - start);
  errors = evaluation.errors.length;
}
const figure = median(times);
const floor = median(floorTimes);
console.log(
  `scoring ${UNITS} units × ${leafRules.length} leaves: median ${Math.round(figure)} ms of ${RUNS} ` +
    `(best ${Math.round(Math.min(...times))} ms), ${errors} input errors`,
);
console.log(
  `floor (parse, weight and sum ${UNITS} × ${leafRules.length} Decimals, sort per tier): median ${floor.toFixed(1)} ms`,
);
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB resident`);
console.log(`ratio ${(figure / floor).toFixed(2)}`);
