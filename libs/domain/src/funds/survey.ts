import { D, parseDecimal, publish, type Dec } from '../decimal.js';
import { DEFAULT_LIKERT_LABELS, DEFAULT_LIKERT_WEIGHTS, likertSatisfaction } from '../scoring/rules/likert.js';
import type { LikertInput } from '../scoring/types.js';

/**
 * Satisfaction surveys (满意度调查) of a budget project: the answer scale, what a valid
 * submission is, and the arithmetic of the results. Satisfaction = Σ(count × weight) ÷ N, the
 * same formula the scoring engine's `likert` rule uses (shared, not copied), exact inside and
 * rounded half-up to two decimals only for display.
 */

export const DONT_KNOW_LABEL = '不了解';
export const MIN_SURVEY_OPTIONS = 2;
export const MAX_SURVEY_OPTIONS = 10;
export const MAX_OPTION_LABEL_LENGTH = 20;

/** One answer on the scale; `weight` is percent as an exact decimal string. */
export interface SurveyOption {
  label: string;
  weight: string;
}

export interface SurveyScale {
  /** Best answer first; weights never increase from one option to the next. */
  options: SurveyOption[];
  /** Whether respondents may answer 不了解 instead of choosing an option. */
  allowDontKnow: boolean;
  /** Whether 不了解 counts in N. Default false: someone who does not know the fund neither pleases nor displeases. */
  dontKnowInDenominator?: boolean;
}

/** A problem with a field, shaped like the API's error details. */
export interface SurveyIssue {
  field: string;
  reason: string;
}

/** 满意/比较满意/一般/不太满意/不满意 = 100/80/60/30/0 %, with 不了解 allowed: the fund evaluations' usual scale. */
export function defaultSurveyScale(): SurveyScale {
  return {
    options: DEFAULT_LIKERT_LABELS.map((label, i) => ({ label, weight: String(DEFAULT_LIKERT_WEIGHTS[i]) })),
    allowDontKnow: true,
  };
}

export interface ScaleInput {
  options: readonly { label: unknown; weight: unknown }[] | unknown;
  allowDontKnow?: unknown;
}

export type ScaleValidation = { ok: true; scale: SurveyScale } | { ok: false; issues: SurveyIssue[] };

/**
 * Checks a scale as the office writes it: 2–10 options with distinct, non-empty labels, weights
 * between 0 and 100 % (at most two decimals) that never increase from the best option to the
 * worst. Every problem is reported, each with the field it is about.
 */
export function validateScale(input: ScaleInput): ScaleValidation {
  const issues: SurveyIssue[] = [];
  const raw = input.options;
  if (!Array.isArray(raw) || raw.length < MIN_SURVEY_OPTIONS) {
    return { ok: false, issues: [{ field: 'options', reason: `至少需要${MIN_SURVEY_OPTIONS}个选项（最佳选项在前）` }] };
  }
  if (raw.length > MAX_SURVEY_OPTIONS)
    return { ok: false, issues: [{ field: 'options', reason: `选项不能超过${MAX_SURVEY_OPTIONS}个` }] };
  if (input.allowDontKnow !== undefined && typeof input.allowDontKnow !== 'boolean')
    issues.push({ field: 'allowDontKnow', reason: '必须是布尔值' });

  const options: SurveyOption[] = [];
  const seen = new Set<string>();
  let previous: Dec | null = null;
  raw.forEach((option: unknown, i) => {
    const { label, weight } = (typeof option === 'object' && option !== null ? option : {}) as {
      label?: unknown;
      weight?: unknown;
    };
    const text = typeof label === 'string' ? label.trim() : '';
    if (typeof label !== 'string' || !text) issues.push({ field: `options.${i}.label`, reason: '不能为空' });
    else if (text.length > MAX_OPTION_LABEL_LENGTH)
      issues.push({ field: `options.${i}.label`, reason: `长度超出上限（${MAX_OPTION_LABEL_LENGTH}）` });
    else if (text === DONT_KNOW_LABEL)
      issues.push({ field: `options.${i}.label`, reason: '“不了解”不计分，请用 allowDontKnow 设置' });
    else if (seen.has(text)) issues.push({ field: `options.${i}.label`, reason: '选项名称重复' });
    seen.add(text);

    const value = parseDecimal(weight);
    if (value === null) {
      issues.push({ field: `options.${i}.weight`, reason: '必须是数字（百分比）' });
      previous = null;
    } else if (value.lt(0) || value.gt(100)) {
      issues.push({ field: `options.${i}.weight`, reason: '必须在 0 至 100 之间（百分比）' });
      previous = null;
    } else if (value.decimalPlaces() > 2) {
      issues.push({ field: `options.${i}.weight`, reason: '最多两位小数' });
      previous = null;
    } else {
      // Compared with the previous valid weight only, so one bad cell does not cascade into more reports.
      if (previous !== null && value.gt(previous)) {
        issues.push({
          field: `options.${i}.weight`,
          reason: `权重须从最佳选项到最差选项逐项不增（${previous.toFixed()} → ${value.toFixed()}）`,
        });
      }
      previous = value;
    }
    options.push({ label: text, weight: value?.toFixed() ?? '' });
  });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    scale: { options, allowDontKnow: input.allowDontKnow === undefined ? true : input.allowDontKnow === true },
  };
}

export const MAX_SURVEY_QUESTIONS = 100;
export const MAX_QUESTION_LENGTH = 500;

/** A questionnaire has at least one question, none blank, none asked twice. Returns the texts trimmed. */
export function validateQuestions(
  texts: readonly unknown[],
): { ok: true; questions: string[] } | { ok: false; issues: SurveyIssue[] } {
  if (texts.length === 0) return { ok: false, issues: [{ field: 'questions', reason: '至少需要一个问题' }] };
  if (texts.length > MAX_SURVEY_QUESTIONS)
    return { ok: false, issues: [{ field: 'questions', reason: `问题不能超过${MAX_SURVEY_QUESTIONS}个` }] };
  const issues: SurveyIssue[] = [];
  const seen = new Set<string>();
  const questions = texts.map((raw, i) => {
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) issues.push({ field: `questions.${i}`, reason: '不能为空' });
    else if (text.length > MAX_QUESTION_LENGTH)
      issues.push({ field: `questions.${i}`, reason: `长度超出上限（${MAX_QUESTION_LENGTH}）` });
    else if (seen.has(text)) issues.push({ field: `questions.${i}`, reason: '问题重复' });
    seen.add(text);
    return text;
  });
  return issues.length ? { ok: false, issues } : { ok: true, questions };
}

/** One question's answers: a count per option (scale order) and the 不了解 answers. */
export interface QuestionTally {
  counts: readonly number[];
  dontKnow: number;
}

export interface OptionShare {
  label: string;
  weight: string;
  count: number;
  /** Percent of all answers (不了解 included), two decimals; null when there are none. */
  share: string | null;
}

export interface SatisfactionSummary {
  options: OptionShare[];
  dontKnow: number;
  dontKnowShare: string | null;
  /** Every answer, 不了解 included. */
  answers: number;
  /** The denominator of satisfaction. */
  n: number;
  /** Percent, exact (decimal string); null while N is 0. */
  satisfaction: string | null;
  /** Percent, half-up to two decimals: what pages and reports show. */
  satisfactionRounded: string | null;
}

function checkTally(scale: SurveyScale, tally: QuestionTally): void {
  const counts = [...tally.counts, tally.dontKnow];
  if (tally.counts.length !== scale.options.length || !counts.every((c) => Number.isSafeInteger(c) && c >= 0)) {
    throw new Error(
      `tally does not fit the scale: ${scale.options.length} options, counts ${JSON.stringify(tally.counts)}, dontKnow ${tally.dontKnow}`,
    );
  }
}

function percentOf(part: number, whole: number): string | null {
  return whole === 0 ? null : publish(new D(part).times(100).div(whole)).toFixed(2);
}

/** Distribution and satisfaction of one question (or of several, once summed with `sumTallies`). */
export function summarize(scale: SurveyScale, tally: QuestionTally): SatisfactionSummary {
  checkTally(scale, tally);
  const { n, satisfaction } = likertSatisfaction(
    { weights: scale.options.map((o) => new D(o.weight)), dontKnowInDenominator: scale.dontKnowInDenominator ?? false },
    { counts: tally.counts.map((c) => new D(c)), dontKnow: new D(tally.dontKnow) },
  );
  const answers = tally.counts.reduce((a, b) => a + b, 0) + tally.dontKnow;
  return {
    options: scale.options.map((o, i) => ({
      label: o.label,
      weight: o.weight,
      count: tally.counts[i]!,
      share: percentOf(tally.counts[i]!, answers),
    })),
    dontKnow: tally.dontKnow,
    dontKnowShare: percentOf(tally.dontKnow, answers),
    answers,
    n: n.toNumber(),
    satisfaction: satisfaction?.toFixed() ?? null,
    satisfactionRounded: satisfaction ? publish(satisfaction).toFixed(2) : null,
  };
}

/** All answers of all questions as one tally: what overall satisfaction and the `likert` leaf are computed from. */
export function sumTallies(scale: SurveyScale, tallies: readonly QuestionTally[]): QuestionTally {
  const counts = scale.options.map(() => 0);
  let dontKnow = 0;
  for (const tally of tallies) {
    checkTally(scale, tally);
    tally.counts.forEach((c, i) => (counts[i] = counts[i]! + c));
    dontKnow += tally.dontKnow;
  }
  return { counts, dontKnow };
}

export interface SurveyResults {
  questions: SatisfactionSummary[];
  /** Over every answer of every question (each answer weighs the same, not each question). */
  overall: SatisfactionSummary;
}

export function surveyResults(scale: SurveyScale, tallies: readonly QuestionTally[]): SurveyResults {
  return { questions: tallies.map((t) => summarize(scale, t)), overall: summarize(scale, sumTallies(scale, tallies)) };
}

/** The input the scoring engine's `likert` rule reads, from the survey's summed answers. */
export function likertInputOf(
  scale: SurveyScale,
  tallies: readonly QuestionTally[],
): LikertInput & { counts: number[]; dontKnow: number } {
  const { counts, dontKnow } = sumTallies(scale, tallies);
  return { counts: [...counts], dontKnow };
}

/** One submitted answer: an option of the scale (0 = best) or 不了解. */
export interface AnswerInput {
  questionId: string;
  optionIndex?: number | null;
  dontKnow?: boolean | null;
}

/**
 * What makes a submission complete and valid: every question of the questionnaire answered
 * exactly once, with an option of the scale or, where the survey allows it, 不了解.
 */
export function validateAnswers(
  scale: SurveyScale,
  questions: readonly { id: string; position: number }[],
  answers: readonly AnswerInput[],
): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  const known = new Set(questions.map((q) => q.id));
  const answered = new Set<string>();
  answers.forEach((answer, i) => {
    if (!known.has(answer.questionId)) issues.push({ field: `answers.${i}.questionId`, reason: '问卷中没有这个问题' });
    else if (answered.has(answer.questionId))
      issues.push({ field: `answers.${i}.questionId`, reason: '同一问题只能回答一次' });
    answered.add(answer.questionId);

    const chose = answer.optionIndex !== undefined && answer.optionIndex !== null;
    const dontKnow = answer.dontKnow === true;
    if (chose && dontKnow) issues.push({ field: `answers.${i}`, reason: '选项与“不了解”只能选一个' });
    else if (!chose && !dontKnow) issues.push({ field: `answers.${i}.optionIndex`, reason: '请选择一个选项' });
    else if (
      chose &&
      (!Number.isInteger(answer.optionIndex) || answer.optionIndex! < 0 || answer.optionIndex! >= scale.options.length)
    ) {
      issues.push({ field: `answers.${i}.optionIndex`, reason: `须在 0 至 ${scale.options.length - 1} 之间` });
    } else if (dontKnow && !scale.allowDontKnow)
      issues.push({ field: `answers.${i}.dontKnow`, reason: '本问卷不设“不了解”选项' });
  });
  const missing = [...questions].sort((a, b) => a.position - b.position).filter((q) => !answered.has(q.id));
  if (missing.length)
    issues.push({
      field: 'answers',
      reason: `还有 ${missing.length} 个问题未回答（第 ${missing.map((q) => q.position).join('、')} 题）`,
    });
  return issues;
}

/** Why a questionnaire link no longer accepts answers. */
export type TokenRefusal = 'used' | 'expired' | 'closed';

export const tokenRefusalMessages: Record<TokenRefusal, string> = {
  used: '该问卷链接已提交过答卷，每个链接只能提交一次',
  expired: '该问卷链接已过期',
  closed: '该满意度调查已结束',
};

/** Closed by the office, or past its closing time. */
export function isSurveyClosed(survey: { status: 'open' | 'closed'; closesAt: Date | null }, now: Date): boolean {
  return survey.status === 'closed' || (survey.closesAt !== null && survey.closesAt.getTime() <= now.getTime());
}

/** A used link says so first: the respondent who already answered needs no other news. */
export function tokenRefusal(
  token: { usedAt: Date | null; expiresAt: Date },
  survey: { status: 'open' | 'closed'; closesAt: Date | null },
  now: Date,
): TokenRefusal | null {
  if (token.usedAt) return 'used';
  if (isSurveyClosed(survey, now)) return 'closed';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/** Longest life of a questionnaire link: a survey round, not a standing invitation. */
export const MAX_TOKEN_DAYS = 366;

/** A survey's closing time, when it has one, lies ahead. */
export function closingIssues(closesAt: Date | null, now: Date): SurveyIssue[] {
  if (closesAt && closesAt.getTime() <= now.getTime()) return [{ field: 'closesAt', reason: '截止时间须晚于当前时间' }];
  return [];
}

/** A link's expiry lies ahead, within a year, and not after the survey closes (it could not be used then). */
export function expiryIssues(expiresAt: Date, closesAt: Date | null, now: Date): SurveyIssue[] {
  if (expiresAt.getTime() <= now.getTime()) return [{ field: 'expiresAt', reason: '有效期须晚于当前时间' }];
  if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000)
    return [{ field: 'expiresAt', reason: `有效期不能超过${MAX_TOKEN_DAYS}天` }];
  if (closesAt && expiresAt.getTime() > closesAt.getTime())
    return [{ field: 'expiresAt', reason: '有效期不能晚于调查截止时间' }];
  return [];
}
