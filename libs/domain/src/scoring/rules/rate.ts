import { ONE, ZERO, type Dec } from '../../decimal.js';
import { bounded, constantText, flat, fmtFixed } from '../texts.js';
import { decimalOf, fmtRead, inputPlainNumber, optionalNumber, type PlainNumber } from './fields.js';
import {
  fixedCompare,
  fixedDiv,
  fixedFmt,
  fixedFromPlain,
  fixedOfConstant,
  fixedText,
  fixedTimes,
} from '../../fixed-decimal.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface RateParams {
  cap: Dec;
}
export interface RateValues {
  actual: Dec;
  planned: Dec;
  /** `toFixed()` of each, when the reader has them. */
  actualText?: string;
  plannedText?: string;
}

const ABOVE_ZERO = { above: ZERO };

/** A unit's actual and planned values as read: texts now, Decimals only when asked for (the fixed-point path needs none). */
class ReadRateValues implements Required<RateValues> {
  readonly actualText: string;
  readonly plannedText: string;
  constructor(
    private readonly actualRead: PlainNumber,
    private readonly plannedRead: PlainNumber,
  ) {
    this.actualText = actualRead.text;
    this.plannedText = plannedRead.text;
  }

  get actual(): Dec {
    return decimalOf(this.actualRead);
  }

  get planned(): Dec {
    return decimalOf(this.plannedRead);
  }
}

/** The rate, the rate within [0, cap] and the score, as texts; in fixed point when the operands are short enough. */
function rateFigures(
  params: RateParams,
  input: RateValues,
  points: Dec,
): { rateText: string; cappedText: string; exact: string; score: Dec | null } {
  const actual = input.actualText === undefined ? null : fixedFromPlain(input.actualText);
  const planned = input.plannedText === undefined ? null : fixedFromPlain(input.plannedText);
  const cap = fixedOfConstant(params.cap);
  const fixedPoints = fixedOfConstant(points);
  if (actual && planned && cap && fixedPoints) {
    const rate = fixedDiv(actual, planned);
    const rateText = fixedFmt(rate);
    // Held to [0, cap] like `bounded`: a bound is written as the constant, a value within as itself.
    if (rate.coef < 0n) return { rateText, cappedText: constantText(ZERO), exact: '0', score: null };
    const over = fixedCompare(rate, cap) > 0;
    const capped = over ? cap : rate;
    const exact = fixedText(fixedTimes(capped, fixedPoints));
    return { rateText, cappedText: over ? constantText(params.cap) : rateText, exact, score: null };
  }
  const rate = input.actual.div(input.planned);
  const capped = bounded(rate, ZERO, params.cap);
  const score = capped.times(points);
  const rateText = fmtFixed(rate.toFixed());
  return { rateText, cappedText: capped === rate ? rateText : constantText(capped), exact: score.toFixed(), score };
}

/** rate × points, e.g. 资金到位率 = actual ÷ planned × 2; the rate is capped (default 1) and floored at 0. */
export function rateScore(params: RateParams, input: RateValues, points: Dec): LeafScore {
  const { rateText, cappedText, exact, score } = rateFigures(params, input, points);
  return new LeafScore(
    exact,
    [
      flat`比率 = 实际 ${fmtRead(input.actualText, () => input.actual)} ÷ 计划 ${fmtRead(input.plannedText, () => input.planned)} = ${rateText}`,
      flat`限定在 0 至 ${constantText(params.cap)} 之间 = ${cappedText}`,
      flat`得分 = ${cappedText} × ${constantText(points)} = ${fmtFixed(exact)}`,
    ],
    score,
  );
}

export const rateRule: RuleHandler<RateParams, RateValues> = {
  kind: 'rate',
  compile(rule, _points, path, issues) {
    const cap = optionalNumber(rule, 'cap', path, issues, ONE, { above: 0, max: 1 });
    return cap ? { cap } : null;
  },
  read(raw) {
    const actual = inputPlainNumber(raw, 'actual', '实际值');
    if (!actual.ok) return actual;
    const planned = inputPlainNumber(raw, 'planned', '计划值', ABOVE_ZERO);
    if (!planned.ok) return planned;
    return {
      ok: true,
      input: new ReadRateValues(actual, planned),
      inputs: { actual: actual.text, planned: planned.text },
    };
  },
  score(params, input, points) {
    return rateScore(params, input, points);
  },
};
