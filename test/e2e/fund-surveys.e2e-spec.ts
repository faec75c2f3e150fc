import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SurveysService } from '@app/funds';
import { auditEntriesMentioning } from '../factories/audit.js';
import {
  aFundProject,
  responsesTo,
  surveyCount,
  surveyTallies,
  surveyTokenHashes,
  surveyTokenUsedAt,
} from '../factories/funds.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

type IssuedToken = Schema<'IssuedToken'>;
type Question = Schema<'SurveyQuestionView'>;

/** The satisfaction survey of a budget project: set-up by the office, answers through one-use links, results. */
describe('fund satisfaction surveys', () => {
  let api: TestApi;
  let office: string;
  let projectId: string;
  let surveyId: string;
  let questions: Question[];
  let firstTokens: IssuedToken[];
  let spare: IssuedToken;
  const base = () => `/api/fund-projects/${projectId}/surveys`;

  const unit = (code: string) => unitByCode(api.db, code);
  const insertProject = async (name: string): Promise<string> => aFundProject(api.db, await unit('GZ-KJJ'), name);
  const issue = async (
    count: number,
    expiresAt = '2023-11-30T17:00:00+08:00',
    label?: string,
  ): Promise<IssuedToken[]> =>
    (
      await api
        .http()
        .post(`${base()}/${surveyId}/tokens`)
        .set('Authorization', office)
        .send({ count, expiresAt, label })
        .expect(201)
    ).body;
  const answer = (q1: number | 'dk', q2: number | 'dk') => ({
    answers: [q1, q2].map((choice, i) =>
      choice === 'dk'
        ? { questionId: questions[i]!.id, dontKnow: true }
        : { questionId: questions[i]!.id, optionIndex: choice },
    ),
  });
  const counts = () => surveyTallies(api.db);

  beforeAll(async () => {
    api = await startApi({ now: '2023-11-01T09:00:00+08:00' });
    office = await api.login('office');
    projectId = await insertProject('2023年市级科技创新专项资金');
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets the office create a survey on the default scale and issue links, keeping only their hashes', async () => {
    const created = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({
        title: '2023年市级科技创新专项资金服务对象满意度调查',
        intro: '请根据实际感受作答。',
        questions: ['您对资金申报流程是否满意？', '您对资金拨付的及时性是否满意？'],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'open',
      allowDontKnow: true,
      closesAt: null,
      tokens: { issued: 0, used: 0 },
    });
    expect(created.body.options).toEqual([
      { label: '满意', weight: '100' },
      { label: '比较满意', weight: '80' },
      { label: '一般', weight: '60' },
      { label: '不太满意', weight: '30' },
      { label: '不满意', weight: '0' },
    ]);
    surveyId = created.body.id;
    questions = created.body.questions;
    expect(questions.map((q) => [q.position, q.text])).toEqual([
      [1, '您对资金申报流程是否满意？'],
      [2, '您对资金拨付的及时性是否满意？'],
    ]);

    const tokens = (firstTokens = await issue(3, '2023-11-30T17:00:00+08:00', '受益企业'));
    expect(tokens).toHaveLength(3);
    for (const t of tokens) {
      expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(t.path).toBe(`/survey/${t.token}`);
      expect(t.url.endsWith(`/survey/${t.token}`)).toBe(true);
      expect(t.label).toBe('受益企业');
    }
    expect(new Set(tokens.map((t) => t.token)).size).toBe(3);
    expect(await surveyTokenHashes(api.db, surveyId)).toEqual(
      tokens.map((t) => createHash('sha256').update(t.token).digest('hex')).sort(),
    );
    expect(await auditEntriesMentioning(api.db, tokens[0]!.token)).toBe(0);

    const list = await api.http().get(base()).set('Authorization', office).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: surveyId, tokens: { issued: 3, used: 0 } }] });
  });

  it('shows the questionnaire to anyone holding a link, without weights', async () => {
    const res = await api.http().get(`/api/public/surveys/${firstTokens[0]!.token}`).expect(200);
    expect(res.body).toMatchObject({
      projectName: '2023年市级科技创新专项资金',
      title: '2023年市级科技创新专项资金服务对象满意度调查',
      allowDontKnow: true,
      dontKnowLabel: '不了解',
    });
    expect(res.body.options).toEqual(
      ['满意', '比较满意', '一般', '不太满意', '不满意'].map((label, index) => ({ index, label })),
    );
    expect(res.body.questions.map((q: Question) => q.id)).toEqual(questions.map((q) => q.id));
    expect(JSON.stringify(res.body)).not.toContain('weight');

    await api
      .http()
      .get(`/api/public/surveys/${'A'.repeat(43)}`)
      .expect(404);
    const malformed = await api.http().get('/api/public/surveys/not-a-token').expect(400);
    expect(malformed.body.details[0].field).toBe('token');
    await api.http().post('/api/public/surveys/%27%3B--/responses').send(answer(0, 0)).expect(400);
  });

  it('takes three respondents’ answers and computes the satisfaction by hand’s arithmetic', async () => {
    // Q1: 满意, 满意, 比较满意 → 2/1/0/0/0 → (200 + 80) / 3 = 93.33 %
    // Q2: 比较满意, 一般, 不了解 → 0/1/1/0/0 + 1 → (80 + 60) / 2 = 70.00 %
    // overall: 2/2/1/0/0 + 1 → (200 + 160 + 60) / 5 = 84.00 %
    const picks: [number | 'dk', number | 'dk'][] = [
      [0, 1],
      [0, 2],
      [1, 'dk'],
    ];
    for (const [i, [q1, q2]] of picks.entries()) {
      const res = await api
        .http()
        .post(`/api/public/surveys/${firstTokens[i]!.token}/responses`)
        .send(answer(q1, q2))
        .expect(201);
      expect(res.body.message).toContain('感谢');
    }
    const results = await api.http().get(`${base()}/${surveyId}/results`).set('Authorization', office).expect(200);
    expect(results.body).toMatchObject({ responses: 3, tokens: { issued: 3, used: 3 } });
    const [q1, q2] = results.body.questions;
    expect(q1.options.map((o: { count: number }) => o.count)).toEqual([2, 1, 0, 0, 0]);
    expect(q1).toMatchObject({ n: 3, answers: 3, dontKnow: 0, satisfactionRounded: '93.33' });
    expect(q1.satisfaction.startsWith('93.3333333333')).toBe(true);
    expect(q2.options.map((o: { count: number }) => o.count)).toEqual([0, 1, 1, 0, 0]);
    expect(q2).toMatchObject({ n: 2, answers: 3, dontKnow: 1, satisfaction: '70', satisfactionRounded: '70.00' });
    expect(results.body.overall).toMatchObject({
      n: 5,
      answers: 6,
      dontKnow: 1,
      satisfaction: '84',
      satisfactionRounded: '84.00',
    });

    // The owning department reads its fund's results.
    await api
      .http()
      .get(`${base()}/${surveyId}/results`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(200);
  });

  it('refuses a link used twice with 410, changing nothing', async () => {
    const before = await counts();
    const again = await api
      .http()
      .post(`/api/public/surveys/${firstTokens[0]!.token}/responses`)
      .send(answer(4, 4))
      .expect(410);
    expect(again.body).toMatchObject({ statusCode: 410, error: 'Gone' });
    expect(again.body.message).toContain('只能提交一次');
    await api.http().get(`/api/public/surveys/${firstTokens[0]!.token}`).expect(410);
    expect(await counts()).toEqual(before);
  });

  it('refuses an answer to a question that does not exist or belongs to another survey, storing nothing', async () => {
    const elsewhere = await insertProject('另一项专项资金');
    const other = await api
      .http()
      .post(`/api/fund-projects/${elsewhere}/surveys`)
      .set('Authorization', office)
      .send({ title: '另一份问卷', questions: ['其他问题？'] })
      .expect(201);
    [spare] = (await issue(1)) as [IssuedToken];
    const token = spare.token;
    const before = await counts();
    const unknown = await api
      .http()
      .post(`/api/public/surveys/${token}/responses`)
      .send({
        answers: [...answer(0, 0).answers, { questionId: '00000000-0000-4000-8000-000000000000', optionIndex: 0 }],
      })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'answers.2.questionId', reason: '问卷中没有这个问题' }]);
    const foreign = await api
      .http()
      .post(`/api/public/surveys/${token}/responses`)
      .send({
        answers: [
          { questionId: questions[0]!.id, optionIndex: 0 },
          { questionId: other.body.questions[0].id, optionIndex: 0 },
        ],
      })
      .expect(400);
    expect(foreign.body.details).toEqual([
      { field: 'answers.1.questionId', reason: '问卷中没有这个问题' },
      { field: 'answers', reason: '还有 1 个问题未回答（第 2 题）' },
    ]);
    const outOfScale = await api.http().post(`/api/public/surveys/${token}/responses`).send(answer(5, 0)).expect(400);
    expect(outOfScale.body.details).toEqual([{ field: 'answers.0.optionIndex', reason: '须在 0 至 4 之间' }]);
    const twice = await api
      .http()
      .post(`/api/public/surveys/${token}/responses`)
      .send({ answers: [...answer(0, 0).answers, { questionId: questions[0]!.id, optionIndex: 1 }] })
      .expect(400);
    expect(twice.body.details[0]).toEqual({ field: 'answers.2.questionId', reason: '同一问题只能回答一次' });
    const junk = await api
      .http()
      .post(`/api/public/surveys/${token}/responses`)
      .send({ answers: [{ questionId: 'x', optionIndex: 'a' }], extra: 1 })
      .expect(400);
    expect(junk.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'answers.0.optionIndex',
      'answers.0.questionId',
      'extra',
    ]);
    expect(await counts()).toEqual(before);
    expect(await surveyTokenUsedAt(api.db, spare.id)).toBeNull();
  });

  it('accepts exactly one of two submissions of one link arriving together', async () => {
    const token = spare.token;
    const before = await counts();
    const send = () => api.http().post(`/api/public/surveys/${token}/responses`).send(answer(4, 3));
    const statuses = (await Promise.all([send(), send(), send()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 410, 410]);
    expect(await counts()).toEqual({
      responses: before.responses + 1,
      answers: before.answers + 2,
      used: before.used + 1,
    });
  });

  it('refuses settings that do not make a survey, writing nothing', async () => {
    const surveys = () => surveyCount(api.db);
    const before = await surveys();
    const rising = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({
        title: '权重有误',
        questions: ['满意吗？'],
        options: [
          { label: '满意', weight: 100 },
          { label: '一般', weight: 60 },
          { label: '较满意', weight: 80 },
          { label: '不满意', weight: 0 },
        ],
      })
      .expect(400);
    expect(rising.body.details).toEqual([
      { field: 'options.2.weight', reason: '权重须从最佳选项到最差选项逐项不增（60 → 80）' },
    ]);
    const empty = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({ title: '没有问题', questions: [] })
      .expect(400);
    expect(empty.body.details[0]).toEqual({ field: 'questions', reason: '至少需要一项' });
    const blank = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({ title: '空白问题', questions: ['  '] })
      .expect(400);
    expect(blank.body.details).toEqual([{ field: 'questions.0', reason: '不能为空' }]);
    const past = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({ title: '已截止', questions: ['满意吗？'], closesAt: '2023-10-01T00:00:00+08:00' })
      .expect(400);
    expect(past.body.details).toEqual([{ field: 'closesAt', reason: '截止时间须晚于当前时间' }]);
    const badDate = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({ title: '日期', questions: ['满意吗？'], closesAt: '2023-02-30' })
      .expect(400);
    expect(badDate.body.details[0].field).toBe('closesAt');
    const oneOption = await api
      .http()
      .post(base())
      .set('Authorization', office)
      .send({ title: '一个选项', questions: ['满意吗？'], options: [{ label: '满意', weight: 100 }] })
      .expect(400);
    expect(oneOption.body.details).toEqual([{ field: 'options', reason: '至少需要2个选项（最佳选项在前）' }]);
    const lateLink = await api
      .http()
      .post(`${base()}/${surveyId}/tokens`)
      .set('Authorization', office)
      .send({ count: 1, expiresAt: '2023-10-01T00:00:00+08:00' })
      .expect(400);
    expect(lateLink.body.details).toEqual([{ field: 'expiresAt', reason: '有效期须晚于当前时间' }]);
    await api
      .http()
      .post(`${base()}/${surveyId}/tokens`)
      .set('Authorization', office)
      .send({ count: 0, expiresAt: '2023-11-30T00:00:00+08:00' })
      .expect(400);
    expect(await surveys()).toBe(before);
  });

  it('keeps the results from a liaison of another unit (404) and survey management from liaisons (403)', async () => {
    const other = await api.login('gz-gxj');
    await api.http().get(`${base()}/${surveyId}/results`).set('Authorization', other).expect(404);
    await api.http().get(base()).set('Authorization', other).expect(404);
    await api
      .http()
      .get(`${base()}/${surveyId}/results`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
    const owner = await api.login('gz-kjj');
    await api
      .http()
      .post(base())
      .set('Authorization', owner)
      .send({ title: '联络员建的', questions: ['满意吗？'] })
      .expect(403);
    await api
      .http()
      .post(`${base()}/${surveyId}/tokens`)
      .set('Authorization', owner)
      .send({ count: 1, expiresAt: '2023-11-30T00:00:00+08:00' })
      .expect(403);
    await api
      .http()
      .post(base())
      .set('Authorization', await api.login('nc-office'))
      .send({ title: '外市办公室', questions: ['满意吗？'] })
      .expect(404);
    await api.http().get(`${base()}/${surveyId}/results`).expect(401);
    await api
      .http()
      .get(`/api/fund-projects/${projectId}/surveys/00000000-0000-4000-8000-000000000000/results`)
      .set('Authorization', office)
      .expect(404);
    await api.http().get(`/api/fund-projects/not-a-uuid/surveys`).set('Authorization', office).expect(400);
  });

  it('answers junk with the 4xx it deserves, never a 5xx', async () => {
    const junkBodies: unknown[] = [
      [],
      [{ title: 'x' }],
      { title: null, questions: null },
      { title: 'x', questions: [null, 1, {}] },
      { title: 'x', questions: ['q'], options: [null, 'a', 3] },
      {
        title: 'x',
        questions: ['q'],
        options: [
          { label: 'a', weight: '100' },
          { label: 'b', weight: 1e308 },
        ],
      },
      { title: 'x', questions: ['q'], options: { label: 'a' } },
      { title: 'x', questions: ['q'], closesAt: '9999-99-99' },
      { title: 'x', questions: ['q'], closesAt: '+275760-09-13T00:00:00.000Z' },
      { count: 1e9, expiresAt: '2023-11-30T00:00:00+08:00' },
      { count: '3', expiresAt: 12 },
      { count: 1, expiresAt: '2023-11-30T00:00:00+08:00', label: { a: 1 } },
      { answers: null },
      { answers: [null, 'a', []] },
      {
        answers: [
          { questionId: questions[0]!.id, optionIndex: 32768 },
          { questionId: questions[1]!.id, optionIndex: -32769 },
        ],
      },
      { answers: [{ questionId: questions[0]!.id, optionIndex: 1e20, dontKnow: 'yes' }] },
      { answers: Array.from({ length: 500 }, () => ({ questionId: questions[0]!.id, optionIndex: 0 })) },
    ];
    const [link] = await issue(1);
    const routes = [
      base(),
      `${base()}/${surveyId}/tokens`,
      `/api/public/surveys/${link!.token}/responses`,
      `/api/public/surveys/${'-'.repeat(43)}/responses`,
    ];
    for (const path of routes) {
      for (const body of junkBodies) {
        const res = await api
          .http()
          .post(path)
          .set('Authorization', office)
          .send(body as object);
        expect(
          `${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status >= 400 && res.status < 500 ? '4xx' : res.status}`,
        ).toBe(`${path} ${JSON.stringify(body).slice(0, 80)} → 4xx`);
      }
    }
    // Junk in a path or a list's query is refused; a detail route takes no query, so one is ignored.
    const gets: [string, number][] = [
      ['/api/public/surveys/%00', 400],
      [`/api/public/surveys/${'a'.repeat(5000)}`, 400],
      [`${base()}/${surveyId}?page=-1`, 200],
      [`${base()}?pageSize=100000`, 400],
      [`/api/fund-projects/${projectId}/surveys/%E0%A4%A/results`, 400],
    ];
    const statuses = await Promise.all(
      gets.map(async ([path]) => [path.slice(-60), (await api.http().get(path).set('Authorization', office)).status]),
    );
    expect(statuses).toEqual(gets.map(([path, status]) => [path.slice(-60), status]));
    // Nothing of the junk was stored, and the link is still good.
    await api.http().get(`/api/public/surveys/${link!.token}`).expect(200);
  });

  it('aggregates the latest survey into the likert input of the fund evaluation', async () => {
    const service = api.app.get(SurveysService, { strict: false });
    // 2/1/0/0/0 + 0/0/0/0/1 (Q1) and 0/1/1/0/0 + 0/0/0/1/0 + 1 不了解 (Q2): (200 + 160 + 60 + 30 + 0) / 7 = 64.2857… %
    const input = await service.likertInput(projectId);
    expect(input).toMatchObject({
      surveyId,
      counts: [2, 2, 1, 1, 1],
      dontKnow: 1,
      responses: 4,
      satisfactionRounded: '64.29',
      weights: ['100', '80', '60', '30', '0'],
    });
    expect(input!.satisfaction!.startsWith('64.285714285714')).toBe(true);
    expect(await service.likertInput(await insertProject('没有调查的专项资金'))).toBeNull();
  });

  it('refuses an expired link and a closed survey with 410', async () => {
    const [shortLived] = await issue(1, '2023-11-05T00:00:00+08:00');
    const [unused] = await issue(1);
    api.travelTo('2023-11-06T09:00:00+08:00');
    const expired = await api
      .http()
      .post(`/api/public/surveys/${shortLived!.token}/responses`)
      .send(answer(0, 0))
      .expect(410);
    expect(expired.body.message).toContain('已过期');
    await api.http().get(`/api/public/surveys/${shortLived!.token}`).expect(410);

    office = await api.login('office');
    const closed = await api.http().post(`${base()}/${surveyId}/close`).set('Authorization', office).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const refused = await api
      .http()
      .post(`/api/public/surveys/${unused!.token}/responses`)
      .send(answer(0, 0))
      .expect(410);
    expect(refused.body.message).toContain('已结束');
    await api
      .http()
      .post(`${base()}/${surveyId}/tokens`)
      .set('Authorization', office)
      .send({ count: 1, expiresAt: '2023-11-30T00:00:00+08:00' })
      .expect(409);
    expect(await responsesTo(api.db, surveyId)).toBe(4);
  });
});
