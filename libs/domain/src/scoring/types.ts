import type { NumberLike } from '../decimal.js';

export type { NumberLike } from '../decimal.js';

// ─── Scheme JSON (what is stored; plain data, validated by validateScheme) ───────────────

/** higher = higher is better (shortfall = target − actual); lower = lower is better (excess = actual − target). */
export type Direction = 'higher' | 'lower';
export type Comparator = '>=' | '>' | '<=' | '<' | '=';

export const RULE_KINDS = [
  'rate',
  'threshold',
  'checklist',
  'shortfall',
  'perEvent',
  'linear',
  'ratioToTarget',
  'manual',
  'likert',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** score = clamp(actual ÷ planned, 0, cap) × points; cap defaults to 1 and may not exceed 1. */
export interface RateRule {
  kind: 'rate';
  cap?: NumberLike;
}
/** All or nothing: full points when `value operator target` holds, else 0. */
export interface ThresholdRule {
  kind: 'threshold';
  operator: Comparator;
  target: NumberLike;
}
export interface ChecklistItem {
  id: string;
  name: string;
  points: NumberLike;
}
/** Each satisfied item gives its points; the leaf never scores above its own points. */
export interface ChecklistRule {
  kind: 'checklist';
  items: ChecklistItem[];
}
/** points − steps × pointsPerStep, floor 0; steps = shortfall ÷ step, ceil when partialStepCounts else floor. */
export interface ShortfallRule {
  kind: 'shortfall';
  target: NumberLike;
  step: NumberLike;
  pointsPerStep: NumberLike;
  partialStepCounts: boolean;
  direction: Direction;
}
/** points − count × pointsPerEvent, floor 0 (扣完为止). */
export interface PerEventRule {
  kind: 'perEvent';
  pointsPerEvent: NumberLike;
}
/** points × (f + (1 − f) × ratio), ratio placing the value between the tier's worst (0) and best (1). */
export interface LinearRule {
  kind: 'linear';
  direction: Direction;
  floorShare?: NumberLike;
}
/** min(1, value ÷ target) × points (lower is better: target ÷ value). */
export interface RatioToTargetRule {
  kind: 'ratioToTarget';
  target: NumberLike;
  direction: Direction;
}
/** An expert's score between 0 and the leaf's points, with a written reason. */
export interface ManualRule {
  kind: 'manual';
  guidance?: string;
}
/** Satisfaction = Σ(count × weight) ÷ N; score = min(points, satisfaction ÷ threshold × points). */
export interface LikertRule {
  kind: 'likert';
  /** Percent per option, best answer first; default [100, 80, 60, 30, 0]. Must not increase. */
  weights?: NumberLike[];
  labels?: string[];
  /** Whether 不了解 answers count in N (default false). */
  dontKnowInDenominator?: boolean;
  /** Percent; default 90. */
  threshold?: NumberLike;
}

export type Rule =
  | RateRule
  | ThresholdRule
  | ChecklistRule
  | ShortfallRule
  | PerEventRule
  | LinearRule
  | RatioToTargetRule
  | ManualRule
  | LikertRule;

/** One node of the tree (一级/二级/三级指标). A leaf has a rule and no children. */
export interface Criterion {
  id: string;
  name: string;
  points: NumberLike;
  note?: string;
  rule?: Rule;
  children?: Criterion[];
}

/** A bonus or penalty item: points per event, an optional cap of its own. */
export interface EventItem {
  id: string;
  name: string;
  points: NumberLike;
  cap?: NumberLike;
  note?: string;
}
export interface EventTable {
  /** Cap on the table's total (bonus 15 for 004 counties); absent = uncapped. */
  cap?: NumberLike;
  items: EventItem[];
}
export interface VetoItem {
  id: string;
  name: string;
  note?: string;
}
/** Bands from the highest down; the last band has no `min` and catches everything below. */
export interface GradeBand {
  label: string;
  min?: NumberLike;
}

export interface Scheme {
  id: string;
  name: string;
  total: NumberLike;
  criteria: Criterion[];
  bonus?: EventTable;
  penalties?: EventTable;
  vetoItems?: VetoItem[];
  grades?: GradeBand[];
  /** Default true: the grade uses the total including bonus. */
  gradeIncludesBonus?: boolean;
  note?: string;
}

export interface SchemeIssue {
  path: string;
  reason: string;
}

export type SchemeValidation = { ok: true; scheme: Scheme } | { ok: false; errors: SchemeIssue[] };

// ─── Inputs (one per unit) ────────────────────────

/** References to evidence files or records, passed through to the explanation. */
export type EvidenceRefs = readonly string[];

interface InputBase {
  evidence?: EvidenceRefs;
}
/** The unit's value cannot be measured: it gets its tier's average (按一类县平均得分计算). */
export interface NotMeasurableInput extends InputBase {
  notMeasurable: true;
  reason?: string;
}
export interface RateInput extends InputBase {
  actual: NumberLike;
  planned: NumberLike;
}
/** threshold, shortfall, linear, ratioToTarget. `target` overrides the scheme's target for this unit. */
export interface ValueInput extends InputBase {
  value: NumberLike;
  target?: NumberLike;
}
export interface ChecklistInput extends InputBase {
  satisfied: readonly string[];
}
export interface CountInput extends InputBase {
  count: NumberLike;
  /** Where the count comes from, named in the explanation; the parts add up to `count`. */
  parts?: readonly { label: string; count: NumberLike; measure: string }[];
}
export interface ManualInput extends InputBase {
  score: NumberLike;
  reason: string;
}
export interface LikertInput extends InputBase {
  /** Answers per option, same order as the weights. */
  counts: readonly NumberLike[];
  dontKnow?: NumberLike;
  /**
   * The questionnaire's own scale, replacing the rule's weights, labels and 不了解 setting (the
   * threshold stays the rule's): a survey's results and the leaf it scores then agree.
   */
  scale?: { weights: readonly NumberLike[]; labels?: readonly string[]; dontKnowInDenominator?: boolean };
}
export type LeafInput =
  NotMeasurableInput | RateInput | ValueInput | ChecklistInput | CountInput | ManualInput | LikertInput;

export interface EventInput {
  itemId: string;
  count: NumberLike;
  note?: string;
  evidence?: EvidenceRefs;
}
export interface VetoInput {
  itemId: string;
  note?: string;
  evidence?: EvidenceRefs;
}

export interface UnitInput {
  unitId: string;
  /** Tier (一类/二类/三类); units are compared only within their tier. Default: one tier for all. */
  tier?: string;
  /** Keyed by leaf criterion id. Input arrives from outside, so it is checked, not trusted. */
  leaves: Readonly<Record<string, LeafInput | undefined>>;
  bonus?: readonly EventInput[];
  penalties?: readonly EventInput[];
  vetoes?: readonly VetoInput[];
}

export interface EvaluateOptions {
  /** Counties only: mark commendation (top N per tier among non-vetoed units) and admonition (tier's lowest). */
  commendation?: boolean;
  /** Default 3. */
  commendationTopN?: number;
}

// ─── Output ────────────────────────

export interface ScoringError {
  unitId: string;
  /** Leaf, bonus/penalty/veto item id; null when it concerns the unit as a whole. */
  criterionId: string | null;
  reason: string;
}

export interface LeafExplanation {
  rule: RuleKind;
  /** The inputs as read, in canonical text form. */
  inputs: Readonly<Record<string, string>>;
  /** The computation in words and numbers, in order. */
  steps: readonly string[];
  evidence: readonly string[];
  /** Present when the score is the tier's average (tier-average substitution). */
  substitution?: {
    tier: string;
    reason: string;
    fromUnitIds: readonly string[];
    average: string;
  };
}

export interface LeafResult {
  criterionId: string;
  name: string;
  level: number;
  parentId: string | null;
  points: string;
  /** Published score (half-up, 2 decimals); null when the leaf has an input error. */
  score: string | null;
  /** Unrounded score, full precision; null on error. */
  exact: string | null;
  substituted: boolean;
  explanation: LeafExplanation;
}

export interface SubtotalResult {
  criterionId: string;
  name: string;
  level: number;
  parentId: string | null;
  points: string;
  /** Sum of the published scores of the leaves below it (errors count as nothing). */
  score: string;
}

export interface EventLine {
  itemId: string;
  name: string;
  count: number;
  pointsEach: string;
  /** count × pointsEach, after the item's own cap. */
  points: string;
  evidence: readonly string[];
}
export interface EventSummary {
  items: readonly EventLine[];
  /** Sum of items before the table's cap. */
  beforeCap: string;
  cap: string | null;
  /** What counts: min(beforeCap, cap). */
  afterCap: string;
}

export interface UnitResult {
  unitId: string;
  tier: string;
  /** False when any input error touched this unit; then grade and ranking are null. */
  complete: boolean;
  leaves: readonly LeafResult[];
  subtotals: readonly SubtotalResult[];
  /** Σ published leaf scores. */
  criteriaTotal: string;
  bonus: EventSummary;
  penalties: EventSummary;
  /** criteriaTotal + bonus.afterCap − penalties.afterCap. Not floored. */
  total: string;
  grade: string | null;
  vetoed: boolean;
  vetoes: readonly { itemId: string; name: string; note: string; evidence: readonly string[] }[];
  /** Competition rank within the tier (1, 2, 2, 4); null when the tier has an incomplete unit. */
  rank: number | null;
  /** null when commendation is off for this evaluation or the tier's ranking is withheld. */
  commended: boolean | null;
  admonished: boolean | null;
}

export interface Evaluation {
  results: UnitResult[];
  errors: ScoringError[];
}
