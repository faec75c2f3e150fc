import { D, HUNDRED, ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import type { SchemeIssue } from '../types.js';
import { checkNumber, inputCount, optionalNumber, paramBoolean } from './fields.js';
import { LeafScore, type RuleHandler } from './rule.js';

export const DEFAULT_LIKERT_WEIGHTS: readonly number[] = [100, 80, 60, 30, 0];
export const DEFAULT_LIKERT_LABELS: readonly string[] = ['满意', '比较满意', '一般', '不太满意', '不满意'];
export const DEFAULT_LIKERT_THRESHOLD = 90;

export interface LikertParams {
  /** Percent, best answer first. */
  weights: readonly Dec[];
  labels: readonly string[];
  dontKnowInDenominator: boolean;
  /** Percent. */
  threshold: Dec;
}
export interface LikertValues {
  counts: readonly Dec[];
  dontKnow: Dec;
  /** The same counts and 不了解 as JS integers, when the reader was given safe whole numbers. */
  whole?: { counts: readonly number[]; dontKnow: number };
  /** The questionnaire's own scale when the input brings one: it replaces the rule's weights, labels and N. */
  scale?: LikertParams;
}

export interface LikertSatisfaction {
  /** Σ(count × weight), percent × answers. */
  weighted: Dec;
  /** Answers on the scale, 不了解 excluded. */
  answered: Dec;
  /** The denominator: `answered`, plus 不了解 when the parameter says so. */
  n: Dec;
  /** Percent, exact; null when N is 0. */
  satisfaction: Dec | null;
}

/** Satisfaction = Σ(count × weight) ÷ N. Exported so survey results and the scored leaf use one formula. */
export function likertSatisfaction(
  params: Pick<LikertParams, 'weights' | 'dontKnowInDenominator'>,
  input: LikertValues,
): LikertSatisfaction {
  let weighted = ZERO;
  let answered = ZERO;
  input.counts.forEach((count, i) => {
    weighted = weighted.plus(count.times(params.weights[i] ?? ZERO));
    answered = answered.plus(count);
  });
  const n = params.dontKnowInDenominator ? answered.plus(input.dontKnow) : answered;
  return { weighted, answered, n, satisfaction: n.isZero() ? null : weighted.div(n) };
}

/** Each answer's label and weight as the working writes them, once per scale. */
const answerTexts = new WeakMap<LikertParams, { labels: string[]; weights: string[] }>();

/** The weights as JS integers when every one is whole (the usual 100/80/60/30/0), else null; once per scale. */
const wholeWeights = new WeakMap<LikertParams, readonly number[] | null>();

function wholeWeightsOf(params: LikertParams): readonly number[] | null {
  let weights = wholeWeights.get(params);
  if (weights === undefined) {
    // Weights are validated to [0, 100]: a whole one is a small integer.
    weights = params.weights.every((w) => w.isInteger()) ? params.weights.map((w) => w.toNumber()) : null;
    wholeWeights.set(params, weights);
  }
  return weights;
}

/** The figures of the working: Σ(count × weight), answers, N as text, and the exact satisfaction. */
interface Tally {
  weighted: string;
  answered: string;
  n: string;
  satisfaction: Dec | null;
}

/**
 * The tally in JS integers, which are exact while every sum and product stays a safe integer; null otherwise,
 * and then the Decimal formula decides. Σ(count × weight) ÷ N is the one division, made in Decimal as before.
 */
function wholeTally(params: LikertParams, input: LikertValues): Tally | null {
  const weights = wholeWeightsOf(params);
  const whole = input.whole;
  if (weights === null || whole === undefined) return null;
  let weighted = 0;
  let answered = 0;
  for (let i = 0; i < whole.counts.length; i++) {
    const count = whole.counts[i] as number;
    weighted += count * (weights[i] ?? 0);
    answered += count;
  }
  const n = params.dontKnowInDenominator ? answered + whole.dontKnow : answered;
  // Every term is a non-negative integer: a sum that is still a safe integer has not been rounded on the way.
  if (!Number.isSafeInteger(weighted) || !Number.isSafeInteger(n)) return null;
  return {
    weighted: String(weighted),
    answered: String(answered),
    n: String(n),
    satisfaction: n === 0 ? null : new D(weighted).div(n),
  };
}

function decimalTally(params: LikertParams, input: LikertValues): Tally {
  const { weighted, answered, n, satisfaction } = likertSatisfaction(params, input);
  return { weighted: fmt(weighted), answered: answered.toFixed(), n: n.toFixed(), satisfaction };
}

/** Satisfaction = Σ(count × weight) ÷ N (N with or without 不了解, by parameter);
 *  score = min(points, satisfaction ÷ threshold × points). */
export function likertScore(
  params: LikertParams,
  input: LikertValues,
  points: Dec,
): LeafScore | { ok: false; reason: string } {
  const tally = wholeTally(params, input) ?? decimalTally(params, input);
  const satisfaction = tally.satisfaction;
  if (satisfaction === null) return { ok: false, reason: '满意度调查没有有效答卷（分母为0）' };
  let texts = answerTexts.get(params);
  if (texts === undefined) {
    texts = {
      labels: params.weights.map((_, i) => `${params.labels[i] ?? `选项${i + 1}`} `),
      weights: params.weights.map((w) => `×${fmt(w)}%`),
    };
    answerTexts.set(params, texts);
  }
  const { labels, weights } = texts;
  const parts: string[] = [];
  for (let i = 0; i < input.counts.length; i++) {
    const count = input.whole ? String(input.whole.counts[i]) : (input.counts[i] as Dec).toFixed();
    parts.push(`${labels[i] as string}${count}${weights[i] as string}`);
  }
  const uncapped = satisfaction.div(params.threshold).times(points);
  const score = compareDecimals(uncapped, points) > 0 ? points : uncapped;
  const exact = score.toFixed();
  const pointsText = constantText(points);
  const weightedText = tally.weighted;
  const satisfactionText = fmtFixed(satisfaction.toFixed());
  const nText = tally.n;
  const dontKnow = input.whole ? String(input.whole.dontKnow) : input.dontKnow.toFixed();
  return new LeafScore(
    exact,
    [
      flat`加权 = ${parts.join(' + ')} = ${weightedText}%`,
      flat`有效样本 N = ${tally.answered}${
        params.dontKnowInDenominator ? ` + 不了解 ${dontKnow}` : `（不了解 ${dontKnow} 不计入）`
      } = ${nText}`,
      flat`满意度 = ${weightedText}% ÷ ${nText} = ${satisfactionText}%`,
      flat`得分 = min(${pointsText}, ${satisfactionText}% ÷ ${constantText(params.threshold)}% × ${pointsText}) = ${fmtFixed(exact)}`,
    ],
    score,
  );
}

function compileWeights(raw: unknown, path: string, issues: SchemeIssue[]): Dec[] | null {
  if (raw === undefined) return DEFAULT_LIKERT_WEIGHTS.map((w) => new D(w));
  if (!Array.isArray(raw) || raw.length < 2) {
    issues.push({ path: `${path}.weights`, reason: '必须是至少两个数字的数组（百分比，最佳选项在前）' });
    return null;
  }
  const weights: Dec[] = [];
  let valid = true;
  raw.forEach((w: unknown, i) => {
    const weight = checkNumber(w, `${path}.weights[${i}]`, issues, { min: 0, max: 100 });
    if (weight === null) {
      valid = false;
      return;
    }
    const previous = weights[weights.length - 1];
    if (valid && previous !== undefined && weight.gt(previous)) {
      issues.push({
        path: `${path}.weights[${i}]`,
        reason: `权重不能从最佳选项到最差选项递增（${previous.toFixed()} → ${weight.toFixed()}）`,
      });
      valid = false;
    }
    weights.push(weight);
  });
  return valid ? weights : null;
}

function compileLikert(
  rule: Readonly<Record<string, unknown>>,
  path: string,
  issues: SchemeIssue[],
): LikertParams | null {
  const weights = compileWeights(rule['weights'], path, issues);
  const rawLabels = rule['labels'];
  let labels: readonly string[] | null = null;
  if (rawLabels === undefined) {
    labels =
      weights && weights.length === DEFAULT_LIKERT_LABELS.length
        ? DEFAULT_LIKERT_LABELS
        : (weights ?? []).map((_, i) => `选项${i + 1}`);
  } else if (!Array.isArray(rawLabels) || !rawLabels.every((l): l is string => typeof l === 'string')) {
    issues.push({ path: `${path}.labels`, reason: '必须是字符串数组' });
  } else if (weights && rawLabels.length !== weights.length) {
    issues.push({
      path: `${path}.labels`,
      reason: `选项名称数（${rawLabels.length}）与权重数（${weights.length}）不一致`,
    });
  } else {
    labels = rawLabels;
  }
  const dontKnowInDenominator = paramBoolean(rule, 'dontKnowInDenominator', path, issues, false);
  const threshold = optionalNumber(rule, 'threshold', path, issues, new D(DEFAULT_LIKERT_THRESHOLD), {
    above: 0,
    max: HUNDRED,
  });
  if (!weights || !labels || dontKnowInDenominator === null || !threshold) return null;
  return { weights, labels, dontKnowInDenominator, threshold };
}

/**
 * The scale an input brings (a survey's options and weights, whether 不了解 counts): satisfaction is
 * then exactly what the survey's results show; the threshold stays the rule's.
 */
function readScale(
  raw: unknown,
  params: LikertParams,
): { ok: true; params: LikertParams } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: '问卷量表（scale）必须是对象' };
  const { weights, labels, dontKnowInDenominator } = raw as Record<string, unknown>;
  const issues: SchemeIssue[] = [];
  const own = compileLikert({ weights, labels, dontKnowInDenominator }, 'scale', issues);
  if (!own) return { ok: false, reason: issues.map((i) => `${i.path} ${i.reason}`).join('；') };
  return { ok: true, params: { ...own, threshold: params.threshold } };
}

/** A count the reader can take as a JS integer as it is: its text is `String(value)`, as `toFixed()` writes it. */
function isSafeWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export const likertRule: RuleHandler<LikertParams, LikertValues> = {
  kind: 'likert',
  compile(rule, _points, path, issues) {
    return compileLikert(rule, path, issues);
  },
  read(raw, ruleParams) {
    let scale: LikertParams | undefined;
    if (raw['scale'] !== undefined) {
      const read = readScale(raw['scale'], ruleParams);
      if (!read.ok) return read;
      scale = read.params;
    }
    const params = scale ?? ruleParams;
    const rawCounts = raw['counts'];
    if (rawCounts === undefined) return { ok: false, reason: '缺少输入：各选项答卷数（counts）' };
    if (!Array.isArray(rawCounts) || rawCounts.length !== params.weights.length) {
      return { ok: false, reason: `各选项答卷数（counts）必须是 ${params.weights.length} 个数字的数组` };
    }
    const counts: Dec[] = [];
    const wholeCounts: number[] = [];
    for (let i = 0; i < rawCounts.length; i++) {
      const count = inputCount(rawCounts[i], `counts[${i}]`);
      if (!count.ok) return count;
      counts.push(count.value);
      if (isSafeWhole(rawCounts[i])) wholeCounts.push(rawCounts[i]);
    }
    let dontKnow = ZERO;
    const rawDontKnow = raw['dontKnow'];
    if (rawDontKnow !== undefined) {
      const read = inputCount(rawDontKnow, '不了解答卷数（dontKnow）');
      if (!read.ok) return read;
      dontKnow = read.value;
    }
    // Counts sent as safe whole numbers (as surveys send them) are tallied in JS integers.
    const wholeDontKnow = rawDontKnow === undefined ? 0 : isSafeWhole(rawDontKnow) ? rawDontKnow : null;
    const whole =
      wholeCounts.length === counts.length && wholeDontKnow !== null
        ? { counts: wholeCounts, dontKnow: wholeDontKnow }
        : undefined;
    return {
      ok: true,
      input: { counts, dontKnow, ...(scale ? { scale } : {}), ...(whole ? { whole } : {}) },
      inputs: {
        counts: whole ? wholeCounts.join('/') : counts.map((c) => c.toFixed()).join('/'),
        dontKnow: whole ? String(whole.dontKnow) : dontKnow.toFixed(),
        ...(scale ? { weights: scale.weights.map((w) => w.toFixed()).join('/') } : {}),
      },
    };
  },
  score(params, input, points) {
    return likertScore(input.scale ?? params, input, points);
  },
};
