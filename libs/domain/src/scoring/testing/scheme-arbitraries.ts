import fc from 'fast-check';
import { D } from '../../decimal.js';
import type {
  Comparator,
  Criterion,
  EvaluateOptions,
  EventTable,
  GradeBand,
  NumberLike,
  Rule,
  Scheme,
  UnitInput,
  VetoItem,
} from '../types.js';

/**
 * Random valid schemes and random populations for the equivalence property spec: every rule kind
 * with and without its optional parameters, nested criteria, bonus and penalty tables with caps,
 * vetoes, grade bands, tiers, and inputs that are valid, tied, not measurable, missing or malformed.
 */

export interface ScoringCase {
  scheme: Scheme;
  units: UnitInput[];
  options: EvaluateOptions;
}

interface LeafSpec {
  points: NumberLike;
  rule: Rule;
  /** 0–2: under that root group; 3: a top-level leaf. */
  group: number;
  /** Under a second-level group of its root group. */
  nested: boolean;
}

/** Drops the keys whose value is undefined: the validator rejects nothing for them, but JSON never carries them. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** An exact decimal string with `scale` decimals, from an integer number of its smallest units. */
function scaled(units: number, scale: number): string {
  const digits = Math.abs(units)
    .toString()
    .padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return units < 0 ? `-${text}` : text;
}

const decimal = (min: number, max: number, scale = 2): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((n) => scaled(n, scale));

/** Sometimes the JSON number, sometimes the string of PostgreSQL numeric. */
const numberLike = (arb: fc.Arbitrary<string>): fc.Arbitrary<NumberLike> =>
  fc.tuple(arb, fc.boolean()).map(([text, asNumber]) => (asNumber ? Number(text) : text));

/** Few distinct values, so ties within a tier are common. */
const tiedValue: fc.Arbitrary<NumberLike> = fc.oneof(
  { arbitrary: fc.constantFrom<NumberLike>('0', '50', '50.00', '2.47', 100, -3, 10, '2.5'), weight: 2 },
  { arbitrary: numberLike(decimal(-5000, 200000, 2)), weight: 3 },
);

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const direction = fc.constantFrom<'higher' | 'lower'>('higher', 'lower');
const comparator = fc.constantFrom<Comparator>('>=', '>', '<=', '<', '=');

const LIKERT_SCALES: readonly { weights: NumberLike[]; labels: string[] }[] = [
  { weights: [100, 80, 60, 30, 0], labels: ['很好', '好', '中', '差', '很差'] },
  { weights: [100, 50, 0], labels: ['满意', '一般', '不满意'] },
  { weights: [100, 100, 0], labels: ['是', '基本是', '否'] },
  { weights: ['90.5', 60], labels: ['甲', '乙'] },
];

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc
    .record({ cap: optional(fc.constantFrom<NumberLike>('0.5', '0.9', 1, '1')) })
    .map((r) => compact({ kind: 'rate' as const, ...r })),
  fc
    .record({ operator: comparator, target: numberLike(decimal(-100, 10000)) })
    .map((r) => ({ kind: 'threshold' as const, ...r })),
  fc.array(fc.constantFrom<NumberLike>('0.5', 1, '1.5', 2, '0.25'), { minLength: 1, maxLength: 3 }).map((points) => ({
    kind: 'checklist' as const,
    items: points.map((p, i) => ({ id: `i${i + 1}`, name: `检查项${i + 1}`, points: p })),
  })),
  fc
    .record({
      target: numberLike(decimal(-100, 5000)),
      step: fc.constantFrom<NumberLike>('0.01', '0.5', 1, 3, '0.25', '0.03'),
      pointsPerStep: fc.constantFrom<NumberLike>(0, '0.02', '0.25', 1, '0.7'),
      partialStepCounts: fc.boolean(),
      direction,
    })
    .map((r) => ({ kind: 'shortfall' as const, ...r })),
  fc
    .record({ pointsPerEvent: fc.constantFrom<NumberLike>('0.5', 1, 2, '0.3') })
    .map((r) => ({ kind: 'perEvent' as const, ...r })),
  fc
    .record({ direction, floorShare: optional(fc.constantFrom<NumberLike>(0, '0.5', '0.6', 1, '0.25', '0.333')) })
    .map((r) => compact({ kind: 'linear' as const, ...r })),
  fc
    .record({ target: fc.constantFrom<NumberLike>(100, '2.5', 1750, '0.3', 3), direction })
    .map((r) => ({ kind: 'ratioToTarget' as const, ...r })),
  fc
    .record({ guidance: optional(fc.constantFrom('酌情打分', '')) })
    .map((r) => compact({ kind: 'manual' as const, ...r })),
  fc
    .record({
      scale: optional(fc.constantFrom(...LIKERT_SCALES)),
      withLabels: fc.boolean(),
      dontKnowInDenominator: optional(fc.boolean()),
      threshold: optional(fc.constantFrom<NumberLike>(90, 100, '85.5', 50, '33.3')),
    })
    .map(({ scale, withLabels, dontKnowInDenominator, threshold }) =>
      compact({
        kind: 'likert' as const,
        weights: scale?.weights,
        labels: scale && withLabels ? scale.labels : undefined,
        dontKnowInDenominator,
        threshold,
      }),
    ),
);

const leafSpecArb: fc.Arbitrary<LeafSpec> = fc.record({
  points: fc.constantFrom<NumberLike>('2', '2.5', 5, 6, 10, '3.33', 4),
  rule: ruleArb,
  group: fc.integer({ min: 0, max: 3 }),
  nested: fc.boolean(),
});

function eventTable(prefix: string): fc.Arbitrary<EventTable | undefined> {
  return optional(
    fc
      .record({
        cap: optional(fc.constantFrom<NumberLike>(0, '2.5', 5, 15)),
        items: fc.array(
          fc.record({
            points: fc.constantFrom<NumberLike>('0.5', 1, 2, 5, '0.33'),
            cap: optional(fc.constantFrom<NumberLike>(1, '2.5', 4)),
          }),
          { minLength: 0, maxLength: 3 },
        ),
      })
      .map(({ cap, items }) =>
        compact({
          cap,
          items: items.map((item, i) => compact({ id: `${prefix}${i + 1}`, name: `${prefix}项${i + 1}`, ...item })),
        }),
      ),
  );
}

const gradesArb: fc.Arbitrary<GradeBand[] | undefined> = optional(
  fc
    .uniqueArray(fc.integer({ min: 0, max: 4000 }), { minLength: 0, maxLength: 3 })
    .map((mins) => [
      ...[...mins].sort((a, b) => b - a).map((m, i) => ({ label: `等次${i + 1}`, min: scaled(m, 2) })),
      { label: '末等' },
    ]),
);

/** Builds the criteria tree from the leaves; every parent's points are the exact sum of its children's. */
function buildScheme(
  specs: readonly LeafSpec[],
  rest: Pick<Scheme, 'bonus' | 'penalties' | 'vetoItems' | 'grades' | 'gradeIncludesBonus'>,
): Scheme {
  const roots: Criterion[] = [];
  const groups = new Map<number, { direct: Criterion[]; nested: Criterion[] }>();
  specs.forEach((spec, i) => {
    const leaf: Criterion = { id: `l${i + 1}`, name: `指标${i + 1}`, points: spec.points, rule: spec.rule };
    if (spec.group === 3) {
      roots.push(leaf);
      return;
    }
    const group = groups.get(spec.group) ?? { direct: [], nested: [] };
    (spec.nested ? group.nested : group.direct).push(leaf);
    groups.set(spec.group, group);
  });
  const sumOf = (list: readonly Criterion[]): string =>
    list.reduce((total, c) => total.plus(c.points), new D(0)).toFixed();
  for (const [g, { direct, nested }] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    const children = [...direct];
    if (nested.length > 0) {
      children.push({ id: `g${g + 1}.n`, name: `二级${g + 1}`, points: sumOf(nested), children: nested });
    }
    roots.push({ id: `g${g + 1}`, name: `一级${g + 1}`, points: sumOf(children), children });
  }
  return compact({ id: 'prop', name: '随机方案', total: sumOf(roots), criteria: roots, ...rest });
}

const schemeArb: fc.Arbitrary<Scheme> = fc
  .record({
    leaves: fc.array(leafSpecArb, { minLength: 1, maxLength: 8 }),
    bonus: eventTable('b'),
    penalties: eventTable('p'),
    vetoItems: optional(
      fc.constantFrom<VetoItem[]>(
        [{ id: 'v1', name: '重大科研诚信问题' }],
        [
          { id: 'v1', name: '重大科研诚信问题' },
          { id: 'v2', name: '安全生产事故' },
        ],
      ),
    ),
    grades: gradesArb,
    gradeIncludesBonus: optional(fc.boolean()),
  })
  .map(({ leaves, ...rest }) => buildScheme(leaves, rest));

function leafRules(criteria: readonly Criterion[]): { id: string; points: NumberLike; rule: Rule }[] {
  return criteria.flatMap((c) =>
    c.children?.length ? leafRules(c.children) : c.rule ? [{ id: c.id, points: c.points, rule: c.rule }] : [],
  );
}

const evidence = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constant(['f-1', '统计公报']), weight: 1 },
);

/** A well-formed input for the rule; with `clean` false it may still be out of range (score above points, planned 0…). */
function validInput(rule: Rule, points: NumberLike, clean: boolean): fc.Arbitrary<unknown> {
  const pointsUnits = Math.round(Number(points) * 100);
  switch (rule.kind) {
    case 'rate':
      return fc.record({
        actual: numberLike(decimal(-1000, 150000)),
        planned: clean
          ? fc.constantFrom<NumberLike>('1000.00', 1000, 500, '0.3')
          : fc.constantFrom<NumberLike>('1000.00', 0, '-1'),
        evidence,
      });
    case 'threshold':
    case 'shortfall':
    case 'ratioToTarget':
      return fc.record({
        value: tiedValue,
        target:
          rule.kind === 'ratioToTarget' && !clean
            ? optional(fc.constantFrom<NumberLike>(0, 50, '-2'))
            : optional(tiedValue),
        evidence,
      });
    case 'linear':
      return fc.record({ value: tiedValue, evidence });
    case 'checklist': {
      const ids = rule.items.map((i) => i.id);
      return fc.record({
        satisfied: clean ? fc.subarray([...ids, ...ids]) : fc.subarray([...ids, 'zz']),
        evidence,
      });
    }
    case 'perEvent':
      return fc
        .record({
          count: fc.integer({ min: 0, max: 8 }),
          split: fc.integer({ min: 0, max: 8 }),
          mode: fc.integer({ min: 0, max: 3 }),
        })
        .map(({ count, split, mode }) => {
          if (mode === 0 || mode === 1) return { count: mode === 0 ? count : String(count) };
          const late = Math.min(split, count);
          const overdue = mode === 2 || clean ? count - late : count - late + 1;
          return {
            count,
            parts: [
              { label: '迟报/漏报', count: late, measure: '个月' },
              { label: '逾期交办事项', count: overdue, measure: '项' },
            ],
          };
        });
    case 'manual':
      return fc.record({
        score: numberLike(decimal(0, clean ? pointsUnits : pointsUnits + 300)),
        reason: clean ? fc.constantFrom('评审意见', ' 材料齐全 ') : fc.constantFrom('评审意见', '', '  '),
        evidence,
      });
    case 'likert': {
      const length = rule.weights?.length ?? 5;
      return fc.record({
        counts: fc.array(fc.integer({ min: clean ? 1 : 0, max: 40 }), {
          minLength: clean ? length : Math.max(0, length - 1),
          maxLength: clean ? length : length + 1,
        }),
        dontKnow: optional(fc.integer({ min: 0, max: 10 })),
        evidence,
      });
    }
  }
}

function leafInput(rule: Rule, points: NumberLike, clean: boolean): fc.Arbitrary<unknown> {
  const notMeasurable = fc.record({
    notMeasurable: fc.constant(true),
    reason: optional(fc.constantFrom('难以单独统计', ' ')),
  });
  const malformed = fc.constantFrom<unknown>(undefined, null, 5, {}, { value: '1,5' }, { evidence: 'f-1', count: 1 });
  return clean
    ? fc.oneof(
        { arbitrary: validInput(rule, points, true), weight: 12 },
        { arbitrary: rule.kind === 'linear' ? notMeasurable : validInput(rule, points, true), weight: 1 },
      )
    : fc.oneof(
        { arbitrary: validInput(rule, points, false), weight: 10 },
        { arbitrary: notMeasurable.map(compact), weight: 2 },
        { arbitrary: malformed, weight: 1 },
      );
}

function events(table: EventTable | undefined, prefix: string, clean: boolean): fc.Arbitrary<unknown> {
  const ids = [...(table?.items.map((i) => i.id) ?? []), ...(clean ? [] : [`${prefix}.unknown`])];
  if (ids.length === 0) return fc.constant(undefined);
  const event = fc.record({
    itemId: fc.constantFrom(...ids),
    count: clean ? fc.integer({ min: 0, max: 4 }) : fc.constantFrom<NumberLike>(0, 1, 3, -1, '1.5', '2'),
    evidence: optional(fc.constant(['奖励文件'])),
  });
  return fc.oneof(
    { arbitrary: fc.array(event.map(compact), { maxLength: 3 }), weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.constant(clean ? [] : 'x'), weight: 1 },
  );
}

function unitArb(scheme: Scheme, clean: boolean, tiers: readonly (string | undefined)[]): fc.Arbitrary<UnitInput> {
  const leaves = leafRules(scheme.criteria);
  const vetoIds = [...(scheme.vetoItems?.map((v) => v.id) ?? []), ...(clean ? [] : ['v.unknown'])];
  return fc
    .record({
      tier: fc.constantFrom(...tiers),
      leaves: fc.tuple(...leaves.map((l) => leafInput(l.rule, l.points, clean))),
      extraLeaf: clean ? fc.constant(false) : fc.boolean(),
      bonus: events(scheme.bonus, 'b', clean),
      penalties: events(scheme.penalties, 'p', clean),
      vetoes:
        vetoIds.length === 0
          ? fc.constant(undefined)
          : optional(
              fc.array(
                fc.record({ itemId: fc.constantFrom(...vetoIds), note: optional(fc.constant('经核实')) }).map(compact),
                { maxLength: 2 },
              ),
            ),
    })
    .map(({ tier, leaves: inputs, extraLeaf, bonus, penalties, vetoes }) => {
      const byId: Record<string, unknown> = Object.fromEntries(leaves.map((l, i) => [l.id, inputs[i]]));
      if (extraLeaf) byId['l.unknown'] = { value: 1 };
      return compact({
        unitId: '',
        tier,
        leaves: byId as UnitInput['leaves'],
        bonus: bonus as UnitInput['bonus'],
        penalties: penalties as UnitInput['penalties'],
        vetoes,
      });
    });
}

/** One evaluation: a scheme, a population (unit ids may repeat or be blank when not clean) and options. */
export function scoringCase(maxUnits: number): fc.Arbitrary<ScoringCase> {
  return fc
    .record({ scheme: schemeArb, clean: fc.boolean(), tierCount: fc.integer({ min: 1, max: 3 }) })
    .chain(({ scheme, clean, tierCount }) => {
      const tiers = [undefined, '一类', '二类'].slice(0, tierCount);
      return fc.record({
        scheme: fc.constant(scheme),
        units: fc.array(
          fc.tuple(unitArb(scheme, clean, tiers), fc.integer({ min: 0, max: clean ? 10_000 : maxUnits + 2 })),
          { minLength: 0, maxLength: maxUnits },
        ),
        options: fc
          .record({ commendation: optional(fc.boolean()), commendationTopN: optional(fc.integer({ min: 1, max: 4 })) })
          .map(compact),
        blankId: clean ? fc.constant(false) : fc.boolean(),
        echo: fc.boolean(),
      });
    })
    .map(({ scheme, units, options, blankId, echo }) => ({
      scheme,
      options,
      units: units.map(([unit, id], i) => {
        // Echoed populations repeat two units' inputs, so equal totals (ties at ranks and at the cut) are common.
        const source = echo ? (units[i % 2]?.[0] ?? unit) : unit;
        const { leaves, bonus, penalties } = source;
        return compact({ ...unit, leaves, bonus, penalties, unitId: blankId && i === 1 ? ' ' : `u${id}` });
      }),
    }));
}
