import { compareDecimals, type Dec } from '../../decimal.js';
import { fmtFixed } from '../texts.js';
import { inputNumber, paramOptionalString } from './fields.js';
import { LeafScore, type RuleHandler } from './rule.js';

export interface ManualParams {
  guidance: string | null;
}
export interface ManualValues {
  score: Dec;
  reason: string;
  /** `score.toFixed()`, when the reader has it. */
  text?: string;
}

/** An expert's score, taken as given once it is within [0, points] and has a reason. */
export function manualScore(input: ManualValues): LeafScore {
  const exact = input.text ?? input.score.toFixed();
  return new LeafScore(exact, [`评审打分 ${fmtFixed(exact)}`, `理由：${input.reason}`], input.score);
}

export const manualRule: RuleHandler<ManualParams, ManualValues> = {
  kind: 'manual',
  compile(rule, _points, path, issues) {
    paramOptionalString(rule, 'guidance', path, issues);
    const guidance = rule['guidance'];
    return { guidance: typeof guidance === 'string' ? guidance : null };
  },
  read(raw) {
    const score = inputNumber(raw, 'score', '评审得分', { min: 0 });
    if (!score.ok) return score;
    const reason = raw['reason'];
    if (typeof reason !== 'string' || reason.trim() === '') {
      return { ok: false, reason: '人工评分必须填写理由（reason）' };
    }
    return {
      ok: true,
      input: { score: score.value, reason: reason.trim(), text: score.text },
      inputs: { score: score.text, reason: reason.trim() },
    };
  },
  score(_params, input, points) {
    if (compareDecimals(input.score, points) > 0) {
      return { ok: false, reason: `评审得分 ${input.score.toFixed()} 超过本项分值 ${points.toFixed()}` };
    }
    return manualScore(input);
  },
};
