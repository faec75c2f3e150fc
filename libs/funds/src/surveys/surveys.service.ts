import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type Actor, DomainError, type ErrorDetail, type Page, pageOf, type PageQuery, skipTake } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  type AnswerInput,
  closingIssues,
  DONT_KNOW_LABEL,
  expiryIssues,
  isSurveyClosed,
  likertInputOf,
  type QuestionTally,
  summarize,
  surveyResults,
  type SurveyScale,
  tokenRefusal,
  tokenRefusalMessages,
  validateAnswers,
  validateQuestions,
  validateScale,
  defaultSurveyScale,
} from '@app/domain';
import { BudgetProject } from '../entities/budget-project.entity.js';
import { FundAccess } from '../fund-access.js';
import type {
  IssuedToken,
  PublicQuestionnaire,
  SubmittedResponse,
  SurveyQuestionView,
  SurveyResultsView,
  SurveyView,
} from '../views.js';
import {
  FundSurvey,
  FundSurveyAnswer,
  FundSurveyQuestion,
  FundSurveyResponse,
  FundSurveyToken,
  SurveyStatus,
} from './entities/index.js';

export interface CreateSurveyInput {
  title: string;
  intro?: string;
  questions: string[];
  /** The answer scale, best first; default 满意/比较满意/一般/不太满意/不满意 = 100/80/60/30/0 %. */
  options?: { label: string; weight: number | string }[];
  /** Default true. */
  allowDontKnow?: boolean;
  /** ISO 8601; none keeps the survey open until it is closed. */
  closesAt?: string | null;
}

export interface IssueTokensInput {
  count: number;
  /** ISO 8601. */
  expiresAt: string;
  label?: string;
}

/** The fund evaluation's input for a `likert` leaf: the project's latest survey, all answers summed. */
export interface SurveyLikertInput {
  surveyId: string;
  /** Answers per option, in the order of `labels` and `weights` (best first). */
  counts: number[];
  dontKnow: number;
  responses: number;
  /** Percent, exact, 不了解 left out of N (the likert rule's default); null without answers. */
  satisfaction: string | null;
  satisfactionRounded: string | null;
  labels: string[];
  weights: string[];
}

const PUBLIC_PATH = '/survey/';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function scaleOf(survey: FundSurvey): SurveyScale {
  return { options: survey.options, allowDontKnow: survey.allowDontKnow };
}

/** An ISO 8601 instant, or an issue for the field. */
function instant(value: string, field: string, issues: ErrorDetail[]): Date | null {
  const date = new Date(value);
  if (!Number.isNaN(date.getTime())) return date;
  issues.push({ field, reason: '必须是日期时间（ISO 8601）' });
  return null;
}

function refuse(message: string, details: ErrorDetail[]): never {
  throw DomainError.validation(message, details);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return error instanceof QueryFailedError && driver?.code === '23505' && driver.constraint === constraint;
}

/**
 * Satisfaction surveys of budget projects. The office of the city creates a survey, issues
 * one-use links and closes it; respondents answer without an account; whoever may read the
 * project reads the results. Every refusal happens before anything is written.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async create(actor: Actor, projectId: string, input: CreateSurveyInput): Promise<SurveyView> {
    const now = this.clock.now();
    const fallback = defaultSurveyScale();
    const scale = validateScale({
      options: input.options ?? fallback.options,
      allowDontKnow: input.allowDontKnow ?? fallback.allowDontKnow,
    });
    const questions = validateQuestions(input.questions);
    const title = input.title.trim();
    const issues: ErrorDetail[] = [];
    if (!title) issues.push({ field: 'title', reason: '不能为空' });
    const closesAt = input.closesAt ? instant(input.closesAt, 'closesAt', issues) : null;
    issues.push(
      ...(scale.ok ? [] : scale.issues),
      ...(questions.ok ? [] : questions.issues),
      ...closingIssues(closesAt, now),
    );
    return this.dataSource.transaction(async (m) => {
      // Access first: someone who may not manage the project learns nothing from its validation.
      await this.access.project(actor, projectId, 'manage', m);
      if (issues.length || !scale.ok || !questions.ok) refuse('满意度调查的设置有误', issues);
      const survey = await m.getRepository(FundSurvey).save(
        m.getRepository(FundSurvey).create({
          projectId,
          title,
          intro: input.intro?.trim() ?? '',
          options: scale.scale.options,
          allowDontKnow: scale.scale.allowDontKnow,
          status: SurveyStatus.Open,
          closesAt,
          closedAt: null,
          createdByUserId: actor.userId,
        }),
      );
      await m
        .getRepository(FundSurveyQuestion)
        .insert(questions.questions.map((text, i) => ({ surveyId: survey.id, position: i + 1, text })));
      return this.view(m, survey);
    });
  }

  async list(actor: Actor, projectId: string, query: PageQuery): Promise<Page<SurveyView>> {
    await this.access.project(actor, projectId, 'read');
    const m = this.dataSource.manager;
    const [surveys, total] = await m
      .getRepository(FundSurvey)
      .findAndCount({ where: { projectId }, order: { createdAt: 'DESC', id: 'DESC' }, ...skipTake(query) });
    return pageOf(await this.views(m, surveys), total, query);
  }

  async get(actor: Actor, projectId: string, surveyId: string): Promise<SurveyView> {
    await this.access.project(actor, projectId, 'read');
    const m = this.dataSource.manager;
    return this.view(m, await this.load(m, projectId, surveyId));
  }

  /** New one-use links. The plaintext tokens are in this answer and nowhere else. */
  async issueTokens(
    actor: Actor,
    projectId: string,
    surveyId: string,
    input: IssueTokensInput,
  ): Promise<IssuedToken[]> {
    const now = this.clock.now();
    const issues: ErrorDetail[] = [];
    const expiresAt = instant(input.expiresAt, 'expiresAt', issues);
    const label = input.label?.trim() ?? '';
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'manage', m);
      const survey = await this.load(m, projectId, surveyId, true);
      if (isSurveyClosed(survey, now)) throw DomainError.conflict('调查已结束，不能再发放问卷链接');
      if (expiresAt) issues.push(...expiryIssues(expiresAt, survey.closesAt, now));
      if (issues.length || !expiresAt) refuse('问卷链接的有效期有误', issues);
      const tokens = Array.from({ length: input.count }, () => randomBytes(32).toString('base64url'));
      const result = await m
        .getRepository(FundSurveyToken)
        .insert(tokens.map((token) => ({ surveyId, tokenHash: hashToken(token), label, expiresAt, usedAt: null })));
      const base = this.env.PUBLIC_URL.replace(/\/+$/, '');
      return tokens.map((token, i) => ({
        id: String((result.identifiers[i] as { id: string }).id),
        token,
        path: `${PUBLIC_PATH}${token}`,
        url: `${base}${PUBLIC_PATH}${token}`,
        label,
        expiresAt,
      }));
    });
  }

  /** Stops accepting answers. Closing a closed survey changes nothing. */
  async close(actor: Actor, projectId: string, surveyId: string): Promise<SurveyView> {
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'manage', m);
      const survey = await this.load(m, projectId, surveyId, true);
      if (survey.status === SurveyStatus.Open) {
        survey.status = SurveyStatus.Closed;
        survey.closedAt = this.clock.now();
        await m.getRepository(FundSurvey).save(survey);
      }
      return this.view(m, survey);
    });
  }

  async results(actor: Actor, projectId: string, surveyId: string): Promise<SurveyResultsView> {
    await this.access.project(actor, projectId, 'read');
    const m = this.dataSource.manager;
    const survey = await this.load(m, projectId, surveyId);
    const mine = (await this.questions(m, [survey.id])).get(survey.id) ?? [];
    const tallies = await this.tallies(m, survey);
    const stats = await this.tokenStats(m, [survey.id]);
    const computed = surveyResults(
      scaleOf(survey),
      mine.map((q) => tallies.get(q.id) ?? this.emptyTally(survey)),
    );
    const tokens = stats.get(survey.id) ?? { issued: 0, used: 0 };
    return {
      surveyId: survey.id,
      title: survey.title,
      status: survey.status,
      responses: tokens.used,
      tokens,
      questions: mine.map((q, i) => ({
        questionId: q.id,
        position: q.position,
        text: q.text,
        ...computed.questions[i]!,
      })),
      overall: computed.overall,
    };
  }

  /**
   * The `likert` input of the project's latest survey, or null when it has none. No access check:
   * the fund evaluation calls it after its own, possibly inside its transaction (`manager`).
   */
  async likertInput(
    projectId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SurveyLikertInput | null> {
    const survey = await manager
      .getRepository(FundSurvey)
      .findOne({ where: { projectId }, order: { createdAt: 'DESC', id: 'DESC' } });
    if (!survey) return null;
    const scale = scaleOf(survey);
    // Sequential: the manager may be the caller's transaction, one connection that runs one query at a time.
    const tallies = await this.tallies(manager, survey);
    const stats = await this.tokenStats(manager, [survey.id]);
    const input = likertInputOf(scale, [...tallies.values()]);
    const overall = summarize(scale, input);
    return {
      surveyId: survey.id,
      counts: input.counts,
      dontKnow: input.dontKnow,
      responses: stats.get(survey.id)?.used ?? 0,
      satisfaction: overall.satisfaction,
      satisfactionRounded: overall.satisfactionRounded,
      labels: survey.options.map((o) => o.label),
      weights: survey.options.map((o) => o.weight),
    };
  }

  /** The questionnaire behind a link, for a respondent without an account. */
  async questionnaire(token: string): Promise<PublicQuestionnaire> {
    const m = this.dataSource.manager;
    const { link, survey } = await this.open(m, token);
    const project = await m
      .getRepository(BudgetProject)
      .findOneOrFail({ where: { id: survey.projectId }, select: { id: true, name: true, year: true } });
    return {
      projectName: project.name,
      year: project.year,
      title: survey.title,
      intro: survey.intro,
      options: survey.options.map((o, index) => ({ index, label: o.label })),
      allowDontKnow: survey.allowDontKnow,
      dontKnowLabel: DONT_KNOW_LABEL,
      questions: (await this.questions(m, [survey.id])).get(survey.id) ?? [],
      expiresAt: link.expiresAt,
      closesAt: survey.closesAt,
    };
  }

  /**
   * Records one respondent's answers and spends the link, in one transaction. The link's row is
   * locked first, so of two submissions arriving together the second waits and then finds it
   * used; the unique token on responses stands behind that should anything else write one.
   */
  async submit(token: string, answers: AnswerInput[]): Promise<SubmittedResponse> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const { link, survey } = await this.open(m, token, true);
        const questions = (await this.questions(m, [survey.id])).get(survey.id) ?? [];
        const issues = validateAnswers(scaleOf(survey), questions, answers);
        if (issues.length) refuse('答卷有误，请检查后重新提交', issues);
        const submittedAt = this.clock.now();
        link.usedAt = submittedAt;
        await m.getRepository(FundSurveyToken).save(link);
        const response = await m
          .getRepository(FundSurveyResponse)
          .save(m.getRepository(FundSurveyResponse).create({ surveyId: survey.id, tokenId: link.id, submittedAt }));
        await m.getRepository(FundSurveyAnswer).insert(
          answers.map((a) => {
            const dontKnow = a.dontKnow === true;
            return {
              surveyId: survey.id,
              responseId: response.id,
              questionId: a.questionId,
              optionIndex: dontKnow ? null : a.optionIndex!,
              dontKnow,
            };
          }),
        );
        return { submittedAt, message: '提交成功，感谢您的参与！' };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_fund_survey_responses_token')) throw DomainError.gone(tokenRefusalMessages.used);
      throw error;
    }
  }

  /** The link and its survey, refused with 410 when the link is spent, expired or the survey over. */
  private async open(
    m: EntityManager,
    token: string,
    lock = false,
  ): Promise<{ link: FundSurveyToken; survey: FundSurvey }> {
    const link = await m.getRepository(FundSurveyToken).findOne({
      where: { tokenHash: hashToken(token) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!link) throw DomainError.notFound('问卷链接');
    // A share lock: closing the survey waits for answers being written, and they for the closing.
    const survey = await m.getRepository(FundSurvey).findOneOrFail({
      where: { id: link.surveyId },
      ...(lock ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
    const refusal = tokenRefusal(link, survey, this.clock.now());
    if (refusal) throw DomainError.gone(tokenRefusalMessages[refusal]);
    return { link, survey };
  }

  private async load(m: EntityManager, projectId: string, surveyId: string, lock = false): Promise<FundSurvey> {
    const survey = await m.getRepository(FundSurvey).findOne({
      where: { id: surveyId, projectId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!survey) throw DomainError.notFound('满意度调查');
    return survey;
  }

  private emptyTally(survey: FundSurvey): QuestionTally {
    return { counts: survey.options.map(() => 0), dontKnow: 0 };
  }

  /** Answers per question and option, from one GROUP BY over the survey's answers. */
  private async tallies(m: EntityManager, survey: FundSurvey): Promise<Map<string, QuestionTally>> {
    const rows: { questionId: string; optionIndex: number | null; dontKnow: boolean; n: number }[] = await m.query(
      `SELECT question_id AS "questionId", option_index AS "optionIndex", dont_know AS "dontKnow", count(*)::int AS n
         FROM fund_survey_answers WHERE survey_id = $1 GROUP BY question_id, option_index, dont_know`,
      [survey.id],
    );
    const tallies = new Map<string, { counts: number[]; dontKnow: number }>();
    for (const row of rows) {
      let tally = tallies.get(row.questionId);
      if (!tally) tallies.set(row.questionId, (tally = { counts: survey.options.map(() => 0), dontKnow: 0 }));
      if (row.dontKnow) tally.dontKnow += row.n;
      else if (row.optionIndex !== null && row.optionIndex < tally.counts.length)
        tally.counts[row.optionIndex]! += row.n;
    }
    return tallies;
  }

  private async questions(m: EntityManager, surveyIds: string[]): Promise<Map<string, SurveyQuestionView[]>> {
    const out = new Map<string, SurveyQuestionView[]>();
    if (!surveyIds.length) return out;
    const rows = await m
      .getRepository(FundSurveyQuestion)
      .createQueryBuilder('q')
      .where('q.surveyId IN (:...surveyIds)', { surveyIds })
      .orderBy('q.position', 'ASC')
      .getMany();
    for (const q of rows)
      out.set(q.surveyId, [...(out.get(q.surveyId) ?? []), { id: q.id, position: q.position, text: q.text }]);
    return out;
  }

  private async tokenStats(
    m: EntityManager,
    surveyIds: string[],
  ): Promise<Map<string, { issued: number; used: number }>> {
    if (!surveyIds.length) return new Map();
    const rows: { surveyId: string; issued: number; used: number }[] = await m.query(
      `SELECT survey_id AS "surveyId", count(*)::int AS issued, count(used_at)::int AS used
       FROM fund_survey_tokens WHERE survey_id = ANY($1::uuid[]) GROUP BY survey_id`,
      [surveyIds],
    );
    return new Map(rows.map((r) => [r.surveyId, { issued: r.issued, used: r.used }]));
  }

  private async view(m: EntityManager, survey: FundSurvey): Promise<SurveyView> {
    return (await this.views(m, [survey]))[0]!;
  }

  private async views(m: EntityManager, surveys: FundSurvey[]): Promise<SurveyView[]> {
    const ids = surveys.map((s) => s.id);
    const questions = await this.questions(m, ids);
    const stats = await this.tokenStats(m, ids);
    return surveys.map((s) => ({
      id: s.id,
      projectId: s.projectId,
      title: s.title,
      intro: s.intro,
      options: s.options,
      allowDontKnow: s.allowDontKnow,
      status: s.status,
      closesAt: s.closesAt,
      closedAt: s.closedAt,
      createdAt: s.createdAt,
      questions: questions.get(s.id) ?? [],
      tokens: stats.get(s.id) ?? { issued: 0, used: 0 },
    }));
  }
}
