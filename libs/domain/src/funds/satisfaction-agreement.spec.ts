import { describe, expect, it } from '@jest/globals';
import { D } from '../decimal.js';
import { evaluateScheme } from '../scoring/index.js';
import { DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES } from './default-fund-scheme.js';
import { type FundEvaluationData, fundLeafInputs } from './fund-evaluation.js';
import { defaultSurveyScale, likertInputOf, type QuestionTally, surveyResults, type SurveyScale } from './survey.js';

/**
 * The demo's questionnaire: 20 respondents × 4 questions, answers by a repeating pattern (0 = 满意,
 * 1 = 比较满意, 2 = 一般), respondent 7 answering 不了解 to question 3 — as the demo loader submits them.
 */
function demoTallies(options: number): QuestionTally[] {
  const pattern = [0, 0, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0];
  return [0, 1, 2, 3].map((q) => {
    const counts: number[] = Array.from({ length: options }, () => 0);
    let dontKnow = 0;
    for (let n = 0; n < 20; n++) {
      if (n === 7 && q === 2) dontKnow++;
      else counts[pattern[(n + q) % pattern.length]!]!++;
    }
    return { counts, dontKnow };
  });
}

const data = (scale: SurveyScale, tallies: QuestionTally[]): FundEvaluationData => ({
  budget: '1',
  received: '1',
  spent: '1',
  indicators: [],
  survey: {
    ...likertInputOf(scale, tallies),
    weights: scale.options.map((o) => o.weight),
    labels: scale.options.map((o) => o.label),
  },
  evaluator: {},
});

/** The satisfaction leaf (E2a, 10 points) as the evaluation scores it. */
function scoredLeaf(scale: SurveyScale, tallies: QuestionTally[]) {
  const inputs = fundLeafInputs(DEFAULT_FUND_SCHEME, DEFAULT_FUND_SOURCES, data(scale, tallies));
  const [result] = evaluateScheme(DEFAULT_FUND_SCHEME, [{ unitId: 'fund', leaves: inputs }]).results;
  return result!.leaves.find((l) => l.criterionId === 'E2a')!;
}

describe('the survey results page and the scored satisfaction leaf agree', () => {
  it('on the demo’s answers: the same satisfaction, and the score is min(10, satisfaction ÷ 90% × 10)', () => {
    const scale = defaultSurveyScale();
    const tallies = demoTallies(5);
    const shown = surveyResults(scale, tallies).overall;
    // 79 answers on the scale (one 不了解 left out): 59 满意, 16 比较满意, 4 一般 → 7420 ÷ 79.
    expect([shown.options.map((o) => o.count), shown.n, shown.dontKnow]).toEqual([[59, 16, 4, 0, 0], 79, 1]);
    expect(shown.satisfactionRounded).toBe('93.92');
    const leaf = scoredLeaf(scale, tallies);
    expect(leaf.explanation.steps).toContain(
      `满意度 = 7420% ÷ 79 = ≈${new D(shown.satisfaction!).toDecimalPlaces(6).toFixed()}%`,
    );
    expect(new D(leaf.exact!).eq(D.min(10, new D(shown.satisfaction!).div(90).times(10)))).toBe(true);
    expect(leaf.score).toBe('10.00');
  });

  it('on a survey with its own three-option scale, which the leaf used to read with the rule’s five weights', () => {
    const scale: SurveyScale = {
      options: [
        { label: '满意', weight: '100' },
        { label: '基本满意', weight: '50' },
        { label: '不满意', weight: '0' },
      ],
      allowDontKnow: true,
    };
    const tallies = demoTallies(3);
    const shown = surveyResults(scale, tallies).overall;
    const leaf = scoredLeaf(scale, tallies);
    expect(leaf.score).not.toBeNull();
    // (59 × 100 + 16 × 50 + 4 × 0) ÷ 79 = 84.81…% → 84.81… ÷ 90 × 10 = 9.42
    expect(shown.satisfactionRounded).toBe('84.81');
    expect(new D(leaf.exact!).eq(new D(shown.satisfaction!).div(90).times(10))).toBe(true);
    expect(leaf.score).toBe('9.42');
    expect(leaf.explanation.steps[0]).toMatch(/^加权 = 满意 59×100% \+ 基本满意 16×50% \+ 不满意 4×0%/);
  });
});
