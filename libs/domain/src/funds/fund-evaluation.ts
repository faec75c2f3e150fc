import { Decimal } from 'decimal.js';
import type { Criterion, LeafInput, LeafResult, Scheme } from '../scoring/types.js';
import type { Attainment } from './target-value.js';

/**
 * Where a leaf of a fund evaluation scheme takes its input from. Judgement leaves (checklists and
 * expert scores) are filled by the evaluator; the rest come from the platform's own records.
 */
export type FundLeafSource =
  /** 资金到位率: received ÷ budget, for a `rate` leaf. */
  | { type: 'fundingRate' }
  /** 预算执行率: spent ÷ received, for a `rate` leaf. */
  | { type: 'executionRate' }
  /**
   * Performance targets of one group (一级 and optionally 二级 indicator), for a `shortfall` leaf:
   * value = targets met + ½ × partly met, target = number of targets in the group.
   */
  | { type: 'targetsAttained'; level1: string; level2?: string }
  /** The project's satisfaction survey, for a `likert` leaf. */
  | { type: 'survey' }
  /**
   * Entered by the evaluator: ticks of a `checklist`, an expert's `manual` score, value (and a target
   * overriding the scheme's) of a `threshold`, `shortfall`, `ratioToTarget` or `linear` leaf, actual
   * and planned of a `rate` leaf, the count of a `perEvent` leaf.
   */
  | { type: 'evaluator' };

/** What an evaluator enters for one leaf, by its rule's kind; numbers as decimal text. */
export type FundEvaluatorInput =
  | { satisfied: string[] }
  | { score: string; reason: string }
  | { value: string; target?: string }
  | { actual: string; planned: string }
  | { count: string };

export interface FundIndicatorOutcome {
  level1: string;
  level2: string;
  level3: string;
  attainment: Attainment;
  deviationReason: string;
}

/** What the platform knows about a fund when it is evaluated. */
export interface FundEvaluationData {
  budget: Decimal.Value;
  received: Decimal.Value;
  spent: Decimal.Value;
  indicators: readonly FundIndicatorOutcome[];
  /** The latest survey's answers, with its own scale (options' weights and labels) when known. */
  survey: {
    counts: readonly number[];
    dontKnow: number;
    weights?: readonly string[];
    labels?: readonly string[];
  } | null;
  evaluator: Readonly<Record<string, FundEvaluatorInput>>;
}

/** 产出指标 and 产出 name the same group; so do 服务对象满意度指标 and 服务对象满意度. */
export function sameLevelName(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/指标$/, '');
  return norm(a) === norm(b);
}

function inGroup(source: { level1: string; level2?: string }, indicator: FundIndicatorOutcome): boolean {
  return (
    sameLevelName(indicator.level1, source.level1) &&
    (source.level2 === undefined || sameLevelName(indicator.level2, source.level2))
  );
}

function leaves(criteria: readonly Criterion[]): Criterion[] {
  return criteria.flatMap((c) => (c.children?.length ? leaves(c.children) : [c]));
}

/**
 * The scoring engine's input for one fund: every leaf with a platform source is read from the
 * data; evaluator leaves take what the evaluator entered, and stay missing (an input error the
 * engine reports) until they do. A group without targets cannot be measured and scores in full.
 */
export function fundLeafInputs(
  scheme: Scheme,
  sources: Readonly<Record<string, FundLeafSource>>,
  data: FundEvaluationData,
): Record<string, LeafInput | undefined> {
  const inputs: Record<string, LeafInput | undefined> = {};
  for (const leaf of leaves(scheme.criteria)) {
    const source = sources[leaf.id] ?? { type: 'evaluator' };
    switch (source.type) {
      case 'fundingRate':
        inputs[leaf.id] = new Decimal(data.budget).isZero()
          ? { notMeasurable: true, reason: '预算为0' }
          : { actual: new Decimal(data.received).toFixed(), planned: new Decimal(data.budget).toFixed() };
        break;
      case 'executionRate':
        inputs[leaf.id] = new Decimal(data.received).isZero()
          ? { actual: '0', planned: '1' }
          : { actual: new Decimal(data.spent).toFixed(), planned: new Decimal(data.received).toFixed() };
        break;
      case 'targetsAttained': {
        const group = data.indicators.filter((i) => inGroup(source, i));
        const credit = group.reduce(
          (sum, i) => sum.plus(i.attainment === 'met' ? 1 : i.attainment === 'partly_met' ? 0.5 : 0),
          new Decimal(0),
        );
        inputs[leaf.id] =
          group.length === 0 ? { value: '0', target: '0' } : { value: credit.toFixed(), target: String(group.length) };
        break;
      }
      case 'survey':
        // The survey's own weights score the leaf, so the leaf's satisfaction is the one its results page shows.
        inputs[leaf.id] = data.survey
          ? {
              counts: [...data.survey.counts],
              dontKnow: data.survey.dontKnow,
              ...(data.survey.weights
                ? {
                    scale: { weights: [...data.survey.weights], labels: data.survey.labels && [...data.survey.labels] },
                  }
                : {}),
            }
          : undefined;
        break;
      case 'evaluator':
        inputs[leaf.id] = data.evaluator[leaf.id];
        break;
    }
  }
  return inputs;
}

/**
 * 扣分原因 of one leaf in words, for the evaluation report: which targets were missed, which
 * checklist items were not satisfied, the rate reached, the expert's reason. '' at full points.
 */
export function deductionReason(
  leaf: LeafResult,
  scheme: Scheme,
  source: FundLeafSource | undefined,
  data: FundEvaluationData,
): string {
  if (leaf.score === null) return '缺少评价数据';
  if (new Decimal(leaf.score).gte(leaf.points)) return '';
  // A leaf that lost points always says why: when nothing more specific is known (a threshold, shortfall, rate or
  // per-event rule over entered figures), the engine's own working is the reason.
  return specificReason(leaf, scheme, source, data) || ruleReason(leaf);
}

/** '扣1.50分（差额 = …；扣分 = …）': the points lost and the rule's steps. */
function ruleReason(leaf: LeafResult): string {
  const lost = new Decimal(leaf.points).minus(leaf.score!).toFixed();
  const steps = leaf.explanation.steps.filter(Boolean);
  return `扣${lost}分${steps.length ? `（${steps.join('；')}）` : ''}`;
}

function specificReason(
  leaf: LeafResult,
  scheme: Scheme,
  source: FundLeafSource | undefined,
  data: FundEvaluationData,
): string {
  const criterion = leaves(scheme.criteria).find((c) => c.id === leaf.criterionId);
  switch (source?.type ?? 'evaluator') {
    case 'fundingRate':
      return `资金到位率${rateText(data.received, data.budget)}，未全部到位`;
    case 'executionRate':
      return `预算执行率${rateText(data.spent, data.received)}，未全部执行`;
    case 'targetsAttained': {
      const group = data.indicators.filter((i) => source?.type === 'targetsAttained' && inGroup(source, i));
      const missed = group.filter((i) => i.attainment === 'not_met');
      const partly = group.filter((i) => i.attainment === 'partly_met');
      const describe = (list: FundIndicatorOutcome[]) =>
        list.map((i) => (i.deviationReason ? `${i.level3}（${i.deviationReason}）` : i.level3)).join('、');
      return [missed.length ? `未完成：${describe(missed)}` : '', partly.length ? `部分完成：${describe(partly)}` : '']
        .filter(Boolean)
        .join('；');
    }
    case 'survey':
      return `满意度${
        leaf.explanation.steps
          .find((s) => s.startsWith('满意度'))
          ?.split('=')
          .pop()
          ?.trim() ?? ''
      }，低于满分标准`;
    case 'evaluator': {
      const entered = data.evaluator[leaf.criterionId];
      if (entered && 'reason' in entered) return entered.reason;
      if (entered && 'satisfied' in entered && criterion?.rule?.kind === 'checklist') {
        const missing = criterion.rule.items
          .filter((item) => !entered.satisfied.includes(item.id))
          .map((item) => item.name);
        return missing.length ? `未满足：${missing.join('、')}` : '';
      }
      return '';
    }
  }
}

function rateText(part: Decimal.Value, whole: Decimal.Value): string {
  const w = new Decimal(whole);
  if (w.isZero()) return '无法计算';
  return `${new Decimal(part).div(w).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}
