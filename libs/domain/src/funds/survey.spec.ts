import { describe, expect, it } from '@jest/globals';
import { scoreOne } from '../scoring/spec-helpers.js';
import {
  closingIssues,
  defaultSurveyScale,
  expiryIssues,
  likertInputOf,
  summarize,
  surveyResults,
  tokenRefusal,
  validateAnswers,
  validateQuestions,
  validateScale,
  type QuestionTally,
  type SurveyScale,
} from './survey.js';

const scale = defaultSurveyScale();
const opts = (...weights: unknown[]) => weights.map((weight, i) => ({ label: `选项${i + 1}`, weight }));

describe('defaultSurveyScale', () => {
  it('is 满意/比较满意/一般/不太满意/不满意 = 100/80/60/30/0 % with 不了解 allowed', () => {
    expect(scale).toEqual({
      options: [
        { label: '满意', weight: '100' },
        { label: '比较满意', weight: '80' },
        { label: '一般', weight: '60' },
        { label: '不太满意', weight: '30' },
        { label: '不满意', weight: '0' },
      ],
      allowDontKnow: true,
    });
  });
});

describe('validateScale', () => {
  it.each([
    ['the default scale', opts(100, 80, 60, 30, 0), undefined, ['100', '80', '60', '30', '0'], true],
    ['two options', opts(100, 0), false, ['100', '0'], false],
    ['equal neighbours', opts(100, 100, 50), true, ['100', '100', '50'], true],
    ['decimal strings', opts('100', '66.67', '33.3', '0'), true, ['100', '66.67', '33.3', '0'], true],
    [
      'ten options',
      opts(100, 90, 80, 70, 60, 50, 40, 30, 20, 10),
      true,
      ['100', '90', '80', '70', '60', '50', '40', '30', '20', '10'],
      true,
    ],
  ])('accepts %s', (_name, options, allowDontKnow, weights, allowed) => {
    const result = validateScale({ options, allowDontKnow });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scale.options.map((o) => o.weight)).toEqual(weights);
    expect(result.scale.allowDontKnow).toBe(allowed);
  });

  it.each([
    ['no options', [], [{ field: 'options', reason: '至少需要2个选项（最佳选项在前）' }]],
    ['one option', opts(100), [{ field: 'options', reason: '至少需要2个选项（最佳选项在前）' }]],
    ['not an array', 'abc', [{ field: 'options', reason: '至少需要2个选项（最佳选项在前）' }]],
    [
      'eleven options',
      opts(100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0),
      [{ field: 'options', reason: '选项不能超过10个' }],
    ],
    [
      'an increasing weight',
      opts(100, 60, 80, 0),
      [{ field: 'options.2.weight', reason: '权重须从最佳选项到最差选项逐项不增（60 → 80）' }],
    ],
    [
      'worst first',
      opts(0, 100),
      [{ field: 'options.1.weight', reason: '权重须从最佳选项到最差选项逐项不增（0 → 100）' }],
    ],
    ['a weight over 100', opts(120, 0), [{ field: 'options.0.weight', reason: '必须在 0 至 100 之间（百分比）' }]],
    ['a negative weight', opts(100, -5), [{ field: 'options.1.weight', reason: '必须在 0 至 100 之间（百分比）' }]],
    ['a non-numeric weight', opts(100, 'abc'), [{ field: 'options.1.weight', reason: '必须是数字（百分比）' }]],
    ['NaN', opts(100, Number.NaN), [{ field: 'options.1.weight', reason: '必须是数字（百分比）' }]],
    ['three decimals', opts(100, 33.333), [{ field: 'options.1.weight', reason: '最多两位小数' }]],
    [
      'empty and duplicate labels',
      [
        { label: ' ', weight: 100 },
        { label: '满意', weight: 50 },
        { label: '满意', weight: 0 },
      ],
      [
        { field: 'options.0.label', reason: '不能为空' },
        { field: 'options.2.label', reason: '选项名称重复' },
      ],
    ],
    [
      '不了解 as a scored option',
      [
        { label: '满意', weight: 100 },
        { label: '不了解', weight: 0 },
      ],
      [{ field: 'options.1.label', reason: '“不了解”不计分，请用 allowDontKnow 设置' }],
    ],
    [
      'a missing option object',
      [null, { label: '不满意', weight: 0 }],
      [
        { field: 'options.0.label', reason: '不能为空' },
        { field: 'options.0.weight', reason: '必须是数字（百分比）' },
      ],
    ],
  ])('refuses %s', (_name, options, issues) => {
    expect(validateScale({ options })).toEqual({ ok: false, issues });
  });

  it('does not cascade past a bad weight: the next valid one is compared with the last valid one', () => {
    expect(validateScale({ options: opts(100, 'x', 90, 95) })).toEqual({
      ok: false,
      issues: [
        { field: 'options.1.weight', reason: '必须是数字（百分比）' },
        { field: 'options.3.weight', reason: '权重须从最佳选项到最差选项逐项不增（90 → 95）' },
      ],
    });
  });

  it('refuses a non-boolean allowDontKnow', () => {
    expect(validateScale({ options: opts(100, 0), allowDontKnow: 'yes' })).toEqual({
      ok: false,
      issues: [{ field: 'allowDontKnow', reason: '必须是布尔值' }],
    });
  });
});

describe('validateQuestions', () => {
  it('trims and keeps the order', () => {
    expect(validateQuestions([' 资金使用是否规范？', '服务是否及时？'])).toEqual({
      ok: true,
      questions: ['资金使用是否规范？', '服务是否及时？'],
    });
  });

  it.each([
    ['none', [], [{ field: 'questions', reason: '至少需要一个问题' }]],
    ['a blank one', ['好吗？', '  '], [{ field: 'questions.1', reason: '不能为空' }]],
    ['a non-string', [42], [{ field: 'questions.0', reason: '不能为空' }]],
    ['one asked twice', ['好吗？', '好吗？ '], [{ field: 'questions.1', reason: '问题重复' }]],
    ['an over-long one', ['问'.repeat(501)], [{ field: 'questions.0', reason: '长度超出上限（500）' }]],
    [
      'too many',
      Array.from({ length: 101 }, (_, i) => `问题${i}`),
      [{ field: 'questions', reason: '问题不能超过100个' }],
    ],
  ])('refuses %s', (_name, texts, issues) => {
    expect(validateQuestions(texts)).toEqual({ ok: false, issues });
  });
});

describe('summarize', () => {
  it.each<
    [
      string,
      SurveyScale,
      QuestionTally,
      { n: number; answers: number; satisfaction: string | null; rounded: string | null },
    ]
  >([
    // (2 × 100 + 1 × 80) / 3 = 93.333…
    [
      '2/1/0/0/0',
      scale,
      { counts: [2, 1, 0, 0, 0], dontKnow: 0 },
      { n: 3, answers: 3, satisfaction: '93.33333333333333333333333333333333333333', rounded: '93.33' },
    ],
    // 8690 / 100 = 86.9; 不了解 left out of N
    [
      '60/25/10/3/2 and 10 不了解',
      scale,
      { counts: [60, 25, 10, 3, 2], dontKnow: 10 },
      { n: 100, answers: 110, satisfaction: '86.9', rounded: '86.90' },
    ],
    // 8690 / 110 = 79
    [
      'the same with 不了解 in N',
      { ...scale, dontKnowInDenominator: true },
      { counts: [60, 25, 10, 3, 2], dontKnow: 10 },
      { n: 110, answers: 110, satisfaction: '79', rounded: '79.00' },
    ],
    // (1 × 80 + 1 × 30) / 2 = 55 exactly
    [
      '80 and 30',
      scale,
      { counts: [0, 1, 0, 1, 0], dontKnow: 0 },
      { n: 2, answers: 2, satisfaction: '55', rounded: '55.00' },
    ],
    // 100 × 1 / 6 = 16.666… rounds half-up to 16.67
    [
      'one in six',
      scale,
      { counts: [1, 0, 0, 0, 5], dontKnow: 0 },
      { n: 6, answers: 6, satisfaction: '16.66666666666666666666666666666666666667', rounded: '16.67' },
    ],
    // 66.665 exactly: half-up, not banker's
    [
      'a half at the third decimal',
      {
        options: [
          { label: '好', weight: '66.67' },
          { label: '中', weight: '66.66' },
          { label: '差', weight: '0' },
        ],
        allowDontKnow: false,
      },
      { counts: [1, 1, 0], dontKnow: 0 },
      { n: 2, answers: 2, satisfaction: '66.665', rounded: '66.67' },
    ],
    [
      'only 不了解',
      scale,
      { counts: [0, 0, 0, 0, 0], dontKnow: 4 },
      { n: 0, answers: 4, satisfaction: null, rounded: null },
    ],
    [
      'no answers',
      scale,
      { counts: [0, 0, 0, 0, 0], dontKnow: 0 },
      { n: 0, answers: 0, satisfaction: null, rounded: null },
    ],
  ])('%s', (_name, s, tally, expected) => {
    const summary = summarize(s, tally);
    expect({
      n: summary.n,
      answers: summary.answers,
      satisfaction: summary.satisfaction,
      rounded: summary.satisfactionRounded,
    }).toEqual(expected);
    expect(summary.options.map((o) => o.count)).toEqual(tally.counts);
  });

  it('gives each option its share of all answers, 不了解 included', () => {
    const summary = summarize(scale, { counts: [2, 1, 0, 0, 0], dontKnow: 1 });
    expect(summary.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ['满意', 2, '50.00'],
      ['比较满意', 1, '25.00'],
      ['一般', 0, '0.00'],
      ['不太满意', 0, '0.00'],
      ['不满意', 0, '0.00'],
    ]);
    expect(summary.dontKnowShare).toBe('25.00');
  });

  it.each([
    ['too few counts', { counts: [1, 2], dontKnow: 0 }],
    ['a negative count', { counts: [1, -1, 0, 0, 0], dontKnow: 0 }],
    ['a fractional count', { counts: [1.5, 0, 0, 0, 0], dontKnow: 0 }],
    ['a negative 不了解', { counts: [1, 0, 0, 0, 0], dontKnow: -1 }],
  ])('throws on a tally that does not fit the scale: %s', (_name, tally) => {
    expect(() => summarize(scale, tally)).toThrow('tally does not fit the scale');
  });
});

describe('surveyResults and likertInputOf', () => {
  // Q1: 2/1/0/0/0 (93.33 %), Q2: 0/1/1/0/0 + 1 不了解 (70 %); overall (200 + 80 + 80 + 60) / 5 = 84 %
  const tallies: QuestionTally[] = [
    { counts: [2, 1, 0, 0, 0], dontKnow: 0 },
    { counts: [0, 1, 1, 0, 0], dontKnow: 1 },
  ];

  it('computes each question and the overall figure over every answer', () => {
    const results = surveyResults(scale, tallies);
    expect(results.questions.map((q) => q.satisfactionRounded)).toEqual(['93.33', '70.00']);
    expect(results.overall).toMatchObject({
      n: 5,
      answers: 6,
      dontKnow: 1,
      satisfaction: '84',
      satisfactionRounded: '84.00',
    });
    expect(results.overall.options.map((o) => o.count)).toEqual([2, 2, 1, 0, 0]);
  });

  it('weighs answers, not questions: the overall figure is not the mean of the questions’ figures', () => {
    const uneven: QuestionTally[] = [
      { counts: [1, 0, 0, 0, 0], dontKnow: 3 },
      { counts: [0, 0, 0, 0, 3], dontKnow: 1 },
    ];
    // mean of questions would be (100 + 0) / 2 = 50; over answers it is 100 / 4 = 25
    expect(surveyResults(scale, uneven).overall.satisfaction).toBe('25');
  });

  it('sums the answers into the input of the likert rule, which scores them as the survey computes them', () => {
    const input = likertInputOf(scale, tallies);
    expect(input).toEqual({ counts: [2, 2, 1, 0, 0], dontKnow: 1 });
    // 84 ÷ 90 × 10 = 9.333… ⇒ 9.33
    expect(scoreOne({ kind: 'likert' }, 10, input).leaf.score).toBe('9.33');
  });

  it('has an empty input for a survey without questions or answers', () => {
    expect(likertInputOf(scale, [])).toEqual({ counts: [0, 0, 0, 0, 0], dontKnow: 0 });
    expect(surveyResults(scale, []).overall.satisfaction).toBeNull();
  });
});

describe('validateAnswers', () => {
  const questions = [
    { id: 'q1', position: 1 },
    { id: 'q2', position: 2 },
    { id: 'q3', position: 3 },
  ];
  const noDontKnow: SurveyScale = { ...scale, allowDontKnow: false };

  it.each([
    [
      'options for every question',
      scale,
      [
        { questionId: 'q1', optionIndex: 0 },
        { questionId: 'q2', optionIndex: 4 },
        { questionId: 'q3', optionIndex: 2 },
      ],
    ],
    [
      '不了解 where allowed',
      scale,
      [
        { questionId: 'q3', dontKnow: true },
        { questionId: 'q1', optionIndex: 1, dontKnow: false },
        { questionId: 'q2', optionIndex: 0, dontKnow: null },
      ],
    ],
  ])('accepts %s', (_name, s, answers) => {
    expect(validateAnswers(s, questions, answers)).toEqual([]);
  });

  const complete = (overrides: Record<number, object>) =>
    questions.map(
      (q, i) =>
        ({ questionId: q.id, optionIndex: 0, ...(overrides[i] ?? {}) }) as {
          questionId: string;
          optionIndex?: number | null;
          dontKnow?: boolean;
        },
    );

  it.each([
    [
      'an unknown question',
      scale,
      [...complete({}), { questionId: 'other', optionIndex: 0 }],
      [{ field: 'answers.3.questionId', reason: '问卷中没有这个问题' }],
    ],
    [
      'a question answered twice',
      scale,
      [...complete({}), { questionId: 'q2', optionIndex: 1 }],
      [{ field: 'answers.3.questionId', reason: '同一问题只能回答一次' }],
    ],
    [
      'a missing question',
      scale,
      complete({}).slice(0, 1),
      [{ field: 'answers', reason: '还有 2 个问题未回答（第 2、3 题）' }],
    ],
    ['no answers', scale, [], [{ field: 'answers', reason: '还有 3 个问题未回答（第 1、2、3 题）' }]],
    [
      'an option out of range',
      scale,
      complete({ 1: { optionIndex: 5 } }),
      [{ field: 'answers.1.optionIndex', reason: '须在 0 至 4 之间' }],
    ],
    [
      'a negative option',
      scale,
      complete({ 0: { optionIndex: -1 } }),
      [{ field: 'answers.0.optionIndex', reason: '须在 0 至 4 之间' }],
    ],
    [
      'a fractional option',
      scale,
      complete({ 0: { optionIndex: 1.5 } }),
      [{ field: 'answers.0.optionIndex', reason: '须在 0 至 4 之间' }],
    ],
    [
      'neither option nor 不了解',
      scale,
      complete({ 2: { optionIndex: null } }),
      [{ field: 'answers.2.optionIndex', reason: '请选择一个选项' }],
    ],
    [
      'both option and 不了解',
      scale,
      complete({ 2: { dontKnow: true } }),
      [{ field: 'answers.2', reason: '选项与“不了解”只能选一个' }],
    ],
    [
      '不了解 where not allowed',
      noDontKnow,
      complete({ 0: { optionIndex: null, dontKnow: true } }),
      [{ field: 'answers.0.dontKnow', reason: '本问卷不设“不了解”选项' }],
    ],
  ])('refuses %s', (_name, s, answers, issues) => {
    expect(validateAnswers(s, questions, answers)).toEqual(issues);
  });
});

describe('tokenRefusal', () => {
  const now = new Date('2023-06-01T10:00:00Z');
  const later = new Date('2023-06-10T00:00:00Z');
  const earlier = new Date('2023-05-01T00:00:00Z');
  it.each([
    [
      'a fresh link on an open survey',
      { usedAt: null, expiresAt: later },
      { status: 'open' as const, closesAt: null },
      null,
    ],
    ['a used link', { usedAt: earlier, expiresAt: later }, { status: 'open' as const, closesAt: null }, 'used'],
    [
      'a used link on a closed survey',
      { usedAt: earlier, expiresAt: earlier },
      { status: 'closed' as const, closesAt: null },
      'used',
    ],
    ['an expired link', { usedAt: null, expiresAt: earlier }, { status: 'open' as const, closesAt: null }, 'expired'],
    [
      'a link expiring this instant',
      { usedAt: null, expiresAt: now },
      { status: 'open' as const, closesAt: null },
      'expired',
    ],
    ['a closed survey', { usedAt: null, expiresAt: later }, { status: 'closed' as const, closesAt: null }, 'closed'],
    [
      'a survey past its closing time',
      { usedAt: null, expiresAt: later },
      { status: 'open' as const, closesAt: earlier },
      'closed',
    ],
    ['a survey closing later', { usedAt: null, expiresAt: later }, { status: 'open' as const, closesAt: later }, null],
  ])('%s', (_name, token, survey, expected) => {
    expect(tokenRefusal(token, survey, now)).toBe(expected);
  });
});

describe('dates', () => {
  const now = new Date('2023-06-01T10:00:00Z');
  it.each([
    [null, []],
    [new Date('2023-06-02T00:00:00Z'), []],
    [now, [{ field: 'closesAt', reason: '截止时间须晚于当前时间' }]],
    [new Date('2023-05-01T00:00:00Z'), [{ field: 'closesAt', reason: '截止时间须晚于当前时间' }]],
  ])('closing at %s', (closesAt, issues) => {
    expect(closingIssues(closesAt, now)).toEqual(issues);
  });

  it.each([
    ['next week', new Date('2023-06-08T00:00:00Z'), null, []],
    ['before the survey closes', new Date('2023-06-08T00:00:00Z'), new Date('2023-06-09T00:00:00Z'), []],
    ['in the past', new Date('2023-05-08T00:00:00Z'), null, [{ field: 'expiresAt', reason: '有效期须晚于当前时间' }]],
    [
      'after the survey closes',
      new Date('2023-06-10T00:00:00Z'),
      new Date('2023-06-09T00:00:00Z'),
      [{ field: 'expiresAt', reason: '有效期不能晚于调查截止时间' }],
    ],
    ['in two years', new Date('2025-06-01T00:00:00Z'), null, [{ field: 'expiresAt', reason: '有效期不能超过366天' }]],
  ])('a link expiring %s', (_name, expiresAt, closesAt, issues) => {
    expect(expiryIssues(expiresAt, closesAt, now)).toEqual(issues);
  });
});
