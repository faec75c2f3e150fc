import { D, HUNDRED, ZERO, compareDecimals, fmt, type Dec } from '../../decimal.js';
import { constantText, flat, fmtFixed } from '../texts.js';
import type { SchemeIssue } from '../types.js';
import { checkNumber, inputCount, optionalNumber, paramBoolean } from './fields.js';
import { fixedCompare, fixedDiv, fixedFmt, fixedOfConstant, fixedText, fixedTimes } from '../../fixed-decimal.js';
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
/** Answer counts as Decimals, of any size. */
export interface LikertCounts {
  counts: readonly Dec[];
  dontKnow: Dec;
}
/** Answer counts sent as safe whole numbers, as surveys send them: tallied in JS integers, with no Decimal made. */
export interface WholeLikertCounts {
  counts: readonly number[];
  dontKnow: number;
}
/** A unit's answers: `whole` when every count is a safe whole number, else the Decimals. */
export type LikertValues = ({ whole: WholeLikertCounts } | (LikertCounts & { whole?: undefined })) & {
  /** The questionnaire's own scale when the input brings one: it replaces the rule's weights, labels and N. */
  scale?: LikertParams;
};

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
  input: LikertCounts,
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

/** The figures of the working as texts: Σ(count × weight), answers, N, the satisfaction and the score. */
interface Tally {
  weighted: string;
  answered: string;
  n: string;
  /** The satisfaction as `fmt` writes it and the score's exact text (its Decimal when one was made); null when N is 0. */
  figures: { satisfaction: string; exact: string; score: Dec | null } | null;
}

/** satisfaction ÷ threshold × points, held to the points. */
function decimalFigures(satisfaction: Dec, params: LikertParams, points: Dec): NonNullable<Tally['figures']> {
  const uncapped = satisfaction.div(params.threshold).times(points);
  const score = compareDecimals(uncapped, points) > 0 ? points : uncapped;
  return { satisfaction: fmt(satisfaction), exact: score.toFixed(), score };
}

/**
 * The tally in JS integers, which are exact while every sum and product stays a safe integer; null otherwise,
 * and then the Decimal formula decides. The divisions are made in fixed point when the threshold and the
 * points are short enough for it, else in Decimal as before.
 */
function wholeTally(params: LikertParams, whole: WholeLikertCounts, points: Dec): Tally | null {
  const weights = wholeWeightsOf(params);
  if (weights === null) return null;
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
  let figures: Tally['figures'] = null;
  if (n !== 0) {
    const threshold = fixedOfConstant(params.threshold);
    const fixedPoints = fixedOfConstant(points);
    if (threshold === null || fixedPoints === null) figures = decimalFigures(new D(weighted).div(n), params, points);
    else {
      const satisfaction = fixedDiv({ coef: BigInt(weighted), scale: 0 }, { coef: BigInt(n), scale: 0 });
      const uncapped = fixedTimes(fixedDiv(satisfaction, threshold), fixedPoints);
      const exact = fixedText(fixedCompare(uncapped, fixedPoints) > 0 ? fixedPoints : uncapped);
      figures = { satisfaction: fixedFmt(satisfaction), exact, score: null };
    }
  }
  return { weighted: String(weighted), answered: String(answered), n: String(n), figures };
}

function decimalTally(params: LikertParams, input: LikertCounts, points: Dec): Tally {
  const { weighted, answered, n, satisfaction } = likertSatisfaction(params, input);
  return {
    weighted: fmt(weighted),
    answered: answered.toFixed(),
    n: n.toFixed(),
    figures: satisfaction === null ? null : decimalFigures(satisfaction, params, points),
  };
}

/** Each answer's label and weight as the working writes them, once per scale. */
function answerTextsOf(params: LikertParams): { labels: string[]; weights: string[] } {
  let texts = answerTexts.get(params);
  if (texts === undefined) {
    texts = {
      labels: params.weights.map((_, i) => `${params.labels[i] ?? `选项${i + 1}`} `),
      weights: params.weights.map((w) => `×${fmt(w)}%`),
    };
    answerTexts.set(params, texts);
  }
  return texts;
}

/** `label count×weight% + …`, written in one pass. */
function weightedParts(params: LikertParams, input: LikertValues): string {
  const { labels, weights } = answerTextsOf(params);
  const counts = input.whole ? input.whole.counts : input.counts;
  let text = '';
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number | Dec;
    const countText = typeof count === 'number' ? String(count) : count.toFixed();
    text += `${i === 0 ? '' : ' + '}${labels[i] as string}${countText}${weights[i] as string}`;
  }
  return text;
}

/** Satisfaction = Σ(count × weight) ÷ N (N with or without 不了解, by parameter);
 *  score = min(points, satisfaction ÷ threshold × points). */
export function likertScore(
  params: LikertParams,
  input: LikertValues,
  points: Dec,
): LeafScore | { ok: false; reason: string } {
  const tally =
    (input.whole ? wholeTally(params, input.whole, points) : null) ??
    decimalTally(params, input.whole ? decimalCounts(input.whole) : input, points);
  const figures = tally.figures;
  if (figures === null) return { ok: false, reason: '满意度调查没有有效答卷（分母为0）' };
  const { exact, score } = figures;
  const pointsText = constantText(points);
  const weightedText = tally.weighted;
  const satisfactionText = figures.satisfaction;
  const nText = tally.n;
  const dontKnow = input.whole ? String(input.whole.dontKnow) : input.dontKnow.toFixed();
  return new LeafScore(
    exact,
    [
      flat`加权 = ${weightedParts(params, input)} = ${weightedText}%`,
      flat`有效样本 N = ${tally.answered}${
        params.dontKnowInDenominator ? ` + 不了解 ${dontKnow}` : `（不了解 ${dontKnow} 不计入）`
      } = ${nText}`,
      flat`满意度 = ${weightedText}% ÷ ${nText} = ${satisfactionText}%`,
      flat`得分 = min(${pointsText}, ${satisfactionText}% ÷ ${constantText(params.threshold)}% × ${pointsText}) = ${fmtFixed(exact)}`,
    ],
    score,
  );
}

/** Whole counts as Decimals, for the rare tally that outgrows a safe integer. */
function decimalCounts(whole: WholeLikertCounts): LikertCounts {
  return { counts: whole.counts.map((c) => new D(c)), dontKnow: new D(whole.dontKnow) };
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

/**
 * A unit's answers: JS integers when every count is sent as a safe whole number (as surveys send them), which
 * are tallied without making a Decimal; otherwise Decimals. The counts are checked in order, then 不了解, so the
 * first bad one is the reason.
 */
function readAnswers(
  rawCounts: readonly unknown[],
  rawDontKnow: unknown,
): { ok: true; answers: LikertValues; counts: string; dontKnow: string } | { ok: false; reason: string } {
  const whole: number[] = [];
  const parsed: Dec[] = [];
  for (let i = 0; i < rawCounts.length; i++) {
    const raw = rawCounts[i];
    if (isSafeWhole(raw)) whole.push(raw);
    else {
      const count = inputCount(raw, `counts[${i}]`);
      if (!count.ok) return count;
      parsed[i] = count.value;
    }
  }
  let dontKnow: Dec | null = null;
  if (rawDontKnow !== undefined && !isSafeWhole(rawDontKnow)) {
    const read = inputCount(rawDontKnow, '不了解答卷数（dontKnow）');
    if (!read.ok) return read;
    dontKnow = read.value;
  }
  const wholeDontKnow = isSafeWhole(rawDontKnow) ? rawDontKnow : 0;
  if (whole.length === rawCounts.length && dontKnow === null) {
    const answers = { whole: { counts: whole, dontKnow: wholeDontKnow } };
    return { ok: true, answers, counts: whole.join('/'), dontKnow: String(wholeDontKnow) };
  }
  // A safe whole number's Decimal writes as the number does.
  const counts = rawCounts.map((raw, i) => parsed[i] ?? new D(raw as number));
  const decimalDontKnow = dontKnow ?? new D(wholeDontKnow);
  return {
    ok: true,
    answers: { counts, dontKnow: decimalDontKnow },
    counts: counts.map((c) => c.toFixed()).join('/'),
    dontKnow: decimalDontKnow.toFixed(),
  };
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
    const read = readAnswers(rawCounts, raw['dontKnow']);
    if (!read.ok) return read;
    const input = read.answers;
    if (scale) input.scale = scale;
    return {
      ok: true,
      input,
      inputs: {
        counts: read.counts,
        dontKnow: read.dontKnow,
        ...(scale ? { weights: scale.weights.map((w) => w.toFixed()).join('/') } : {}),
      },
    };
  },
  score(params, input, points) {
    return likertScore(input.scale ?? params, input, points);
  },
};
