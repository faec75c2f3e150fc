import { scoringSettled } from '../setup/year-end-cycle.js';
import { randomBytes } from 'node:crypto';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { YearEndNoticesService } from '@app/notifications';
import { clearFaults, injectFault, writesCounted } from '../factories/faults.js';
import { notificationTally } from '../factories/notifications.js';
import { assignedUnits } from '../factories/plans.js';
import {
  reachableAt,
  reachableLiaisons,
  unsentYearEndMails,
  type YearEndMail,
  yearEndInbox,
  yearEndMails,
  unitNamesById,
  liaisonLogin,
} from '../factories/year-end-notices.js';
import { startApi, type TestApi } from '../setup/api.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { unitByCode } from '../setup/lookups.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { mailQueueIdle, obliterateQueues } from '../setup/queues.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';

interface Result {
  unitId: string;
  tier: string;
  total: string;
  rank: number | null;
  commended: boolean | null;
  admonished: boolean | null;
  vetoed: boolean;
}

/** Total, rank, commendation or admonition moved between two revisions: what a unit is told about. */
function movedUnits(before: readonly Result[], after: readonly Result[], except: string): string[] {
  return after
    .filter((r) => {
      const was = before.find((x) => x.unitId === r.unitId)!;
      return (
        r.unitId !== except &&
        (was.rank !== r.rank ||
          was.total !== r.total ||
          Boolean(was.commended) !== Boolean(r.commended) ||
          Boolean(was.admonished) !== Boolean(r.admonished))
      );
    })
    .map((r) => r.unitId);
}

/**
 * The city departments' year-end cycle (附表3-2) on the year-end demo, step by step, with the worker sending the
 * notices each step wrote: to the real SMTP listener, one mail per recipient and message, once.
 */
describe('year-end notices', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let worker: RunningProcess | null = null;
  let plan: string;
  let assessment: string;
  let county: string;
  let kjj: string;
  let gxj: string;
  let units: { id: string; code: string }[];
  let names: Map<string, string>;
  let approvedResults: Result[];
  let filed: request.Response;
  const prefix = `kc-notices-${randomBytes(4).toString('hex')}`;
  const PUBLIC_URL = 'https://kc.example.gov.cn';
  const selfEntries = (score: number) => [
    { criterionId: 'd1.1', input: { satisfied: ['leader', 'section'] } },
    { criterionId: 'd1.2', input: { satisfied: ['plan'] } },
    { criterionId: 'd1.3', input: { score: 4, reason: '每季度召开专题会议' } },
    { criterionId: 'd2', input: { score, reason: '牵头任务均按节点推进' } },
  ];

  function startWorker(): Promise<unknown> {
    worker = spawnWorker({
      DATABASE_URL: api.databaseUrl,
      REDIS_URL: api.env.REDIS_URL,
      QUEUE_PREFIX: prefix,
      APP_NOW: '2024-01-20T09:00:00+08:00',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_URL,
      NOTIFY_DISPATCH_EVERY_MS: '300',
      MAIL_ATTEMPTS: '3',
      MAIL_BACKOFF_MS: '50',
    });
    const started = worker;
    return workersStarted(started);
  }

  /** Waits until every year-end email is sent; then each was received exactly once under its Message-ID. */
  async function delivered(mails: readonly YearEndMail[]): Promise<void> {
    try {
      await waitFor(async () => (await unsentYearEndMails(api.db)) === 0, 'every year-end notice to be sent', 60_000);
    } catch (error) {
      console.log(await notificationTally(api.db), worker?.output().slice(-3000));
      throw error;
    }
    const received = smtp.byMessageId();
    for (const mail of mails) {
      expect(received.get(mail.messageId)?.map((r) => r.to)).toEqual([[mail.recipientEmail.toLowerCase()]]);
    }
  }

  /** POSTs as `user` and checks the status, naming the answer when it is not the one expected. */
  async function post(path: string, user: string, body: object, status: number): Promise<request.Response> {
    const res = await api
      .http()
      .post(path)
      .set('Authorization', await api.login(user))
      .send(body);
    expect([path, res.status, res.status === status ? null : res.body]).toEqual([path, status, null]);
    return res;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startApi({ demo: 'year-end', env: { QUEUE_PREFIX: prefix, PUBLIC_URL } });
    plan = await ganzhouPlan(api);
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    assessment = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'department').id;
    county = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
    kjj = (await unitByCode(api.db, 'GZ-KJJ')).id;
    gxj = (await unitByCode(api.db, 'GZ-GXJ')).id;
    units = await assignedUnits(api.db, plan, ['department', 'institution', 'enterprise']);
    const scope = await api
      .http()
      .get(`/api/assessments/${assessment}/units`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    names = await unitNamesById(
      api.db,
      units.map((u) => u.id),
    );
    expect(scope.body.map((u: { id: string }) => u.id).sort()).toEqual(units.map((u) => u.id).sort());
    await startWorker();
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
    await smtp.close();
  });

  it('opening self-assessment told each assessed unit’s liaisons, once each, with the page to fill it in', async () => {
    const mails = await yearEndMails(api.db, `opened:${assessment}`);
    for (const u of units) {
      const own = mails.filter((m) => m.unitId === u.id);
      expect([u.code, own.length]).toEqual([u.code, await reachableLiaisons(api.db, u.id)]);
      for (const m of own) expect(m.bodyText).toContain(`${names.get(u.id)}：`);
    }
    expect(mails.length).toBeGreaterThan(20);
    expect(new Set(mails.map((m) => m.unitId))).toEqual(new Set(units.map((u) => u.id)));
    const withAccount = mails.find((m) => m.recipientUserId !== null)!;
    expect(withAccount.bodyText).toContain(`/assessment/self?assessment=${assessment}`);
    expect(withAccount.bodyText).toContain('办公室转入初审后不能再填报或修改');
    const inbox = await yearEndInbox(api.db, `opened:${assessment}`);
    expect(inbox.map((i) => i.username)).toContain('gz-kjj');
    await delivered(mails);
  });

  it('a submission tells the office; a return tells the unit why; a refused step tells nobody', async () => {
    await reachableAt(api.db, 'gz-kjj', 'kjj@example.gov.cn');
    await reachableAt(api.db, 'gz-gxj', 'gxj@example.gov.cn');
    await reachableAt(api.db, 'office', 'office@example.gov.cn');
    await reachableAt(api.db, 'leader', 'leader@example.gov.cn');
    api.travelTo('2024-01-22T10:00:00+08:00');
    const self = `/api/assessments/${assessment}/units/${kjj}/self`;
    await api
      .http()
      .put(self)
      .set('Authorization', await api.login('gz-kjj'))
      .send({ entries: selfEntries(60) })
      .expect(200);
    await post(`${self}/submit`, 'gz-kjj', {}, 200);
    // 市工信局 has not submitted: the office cannot return it, and no notice is written.
    await post(`/api/assessments/${assessment}/units/${gxj}/self/return`, 'office', { reason: 'x' }, 409);
    await post(`${self}/return`, 'office', { reason: '第3项会议纪要未附' }, 200);
    api.travelTo('2024-01-23T10:00:00+08:00');
    await post(`${self}/submit`, 'gz-kjj', {}, 200);

    const submitted = await yearEndMails(api.db, `submitted:${assessment}`);
    const toOffice = submitted.filter((m) => m.recipientEmail === 'office@example.gov.cn');
    // Two submissions, two notices; both about 市科技局.
    expect(toOffice.map((m) => m.unitId)).toEqual([kjj, kjj]);
    expect(toOffice[0]!.bodyText).toContain(`${names.get(kjj)}于2024年1月22日 10:00提交了`);
    expect(toOffice[0]!.bodyText).toContain(`${PUBLIC_URL}/assessment/review?assessment=${assessment}&unit=${kjj}`);
    expect(submitted.every((m) => m.recipientEmail !== 'kjj@example.gov.cn')).toBe(true);

    const returned = await yearEndMails(api.db, `returned:${assessment}`);
    expect(returned.every((m) => m.unitId === kjj)).toBe(true);
    expect(returned.filter((m) => m.recipientEmail === 'kjj@example.gov.cn')).toHaveLength(1);
    expect(returned[0]!.bodyText).toContain('退回理由：第3项会议纪要未附');
    const inbox = await yearEndInbox(api.db, `returned:${assessment}`);
    expect(inbox.map((i) => i.username)).toEqual(['gz-kjj']);
    expect(inbox[0]!.link).toBe(`${PUBLIC_URL}/assessment/self?assessment=${assessment}`);
    await delivered([...submitted, ...returned]);
  });

  it('approval tells the leadership and the office, not the units', async () => {
    await post(`/api/assessments/${assessment}/review`, 'office', {}, 200);
    for (const u of units) {
      await api
        .http()
        .put(`/api/assessments/${assessment}/units/${u.id}/review`)
        .set('Authorization', await api.login('office'))
        .send({ entries: selfEntries(u.id === gxj ? 40 : 55).map((e) => ({ ...e, reason: '办公室核定' })) })
        .expect(200);
    }
    await post(`/api/assessments/${assessment}/approve`, 'leader', {}, 202);
    await scoringSettled(api, assessment);
    const approved = await yearEndMails(api.db, `approved:${assessment}:r1`);
    expect(approved.map((m) => m.recipientEmail)).toEqual(
      expect.arrayContaining(['leader@example.gov.cn', 'office@example.gov.cn']),
    );
    expect(approved.every((m) => m.unitId === null && !m.recipientEmail.startsWith('kjj'))).toBe(true);
    expect(approved[0]!.bodyText).toContain(`第1版，${units.length}个单位`);
    const results = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    approvedResults = results.body.results;
    await delivered(approved);
  });

  it('publication rolled back sends nothing; published, each unit reads its own result and the appeal deadline', async () => {
    const tables = ['notifications', 'inbox_messages', 'assessments'];
    await injectFault(api.db, tables, { table: 'assessments', after: 1, when: `NEW.status = 'published'` });
    try {
      await post(`/api/assessments/${assessment}/publish`, 'office', {}, 500);
      // The notices were written in the step's transaction, and went with it.
      expect((await writesCounted(api.db, tables)).notifications).toBeGreaterThan(0);
    } finally {
      await clearFaults(api.db, tables, ['assessments']);
    }
    expect(await yearEndMails(api.db, `published:${assessment}`)).toEqual([]);
    expect(await yearEndInbox(api.db, `published:${assessment}`)).toEqual([]);

    const published = await post(`/api/assessments/${assessment}/publish`, 'office', {}, 200);
    expect(published.body.appealUntil).toBe('2024-01-30T09:00:00.000Z');
    const mails = await yearEndMails(api.db, `published:${assessment}:r1`);
    expect(new Set(mails.map((m) => m.unitId))).toEqual(new Set(units.map((u) => u.id)));
    for (const m of mails) {
      const own = approvedResults.find((r) => r.unitId === m.unitId)!;
      expect(m.bodyText).toContain(`本单位总分${own.total}分，在${units.length}个参评单位中排第${own.rank}名`);
      expect(m.bodyText).toContain('请于2024年1月30日 17:00前提出申诉');
      // Nobody else's result, nor name, is in a unit's notice.
      for (const [id, name] of names)
        if (id !== m.unitId && !names.get(m.unitId!)!.includes(name)) expect(m.bodyText).not.toContain(name);
    }
    expect(mails.filter((m) => m.recipientEmail === 'kjj@example.gov.cn')).toHaveLength(1);
    const inbox = await yearEndInbox(api.db, `published:${assessment}`);
    const kjjInbox = inbox.filter((i) => i.username === 'gz-kjj');
    expect(kjjInbox).toHaveLength(1);
    expect(kjjInbox[0]!.body).toContain(`本单位总分${approvedResults.find((r) => r.unitId === kjj)!.total}分`);
    await delivered(mails);
  });

  it('an appeal tells the office; its decision tells the unit why, and every unit whose result moved', async () => {
    filed = await post(
      `/api/assessments/${assessment}/appeals`,
      'gz-gxj',
      {
        unitId: gxj,
        criterionId: 'd2',
        reason: '年度任务已全部完成，附验收材料',
      },
      201,
    );
    const toOffice = await yearEndMails(api.db, `appeal:${filed.body.id}`);
    expect(toOffice.map((m) => [m.unitId, m.recipientEmail])).toContainEqual([gxj, 'office@example.gov.cn']);
    expect(toOffice[0]!.bodyText).toContain('申诉理由：年度任务已全部完成，附验收材料');
    expect(toOffice.every((m) => !m.recipientEmail.startsWith('gxj'))).toBe(true);

    await post(
      `/api/assessments/appeals/${filed.body.id}/decision`,
      'office',
      {
        uphold: true,
        reason: '验收材料属实',
        input: { score: 70, reason: '任务全部完成' },
      },
      200,
    );
    await scoringSettled(api, assessment);
    const after: Result[] = (
      await api
        .http()
        .get(`/api/assessments/${assessment}/results`)
        .set('Authorization', await api.login('office'))
        .expect(200)
    ).body.results;
    const decided = await yearEndMails(api.db, `appeal-decided:${filed.body.id}`);
    expect(new Set(decided.map((m) => m.unitId))).toEqual(new Set([gxj]));
    const gxjMail = decided.find((m) => m.recipientEmail === 'gxj@example.gov.cn')!;
    expect(gxjMail.bodyText).toContain('予以支持。理由：验收材料属实。');
    expect(gxjMail.bodyText).toContain(
      `考评结果已更正为第2版，本单位总分${after.find((r) => r.unitId === gxj)!.total}分`,
    );

    // The units whose total or rank the new revision moved, 市工信局 aside: each is told, and no other.
    const moved = movedUnits(approvedResults, after, gxj);
    expect(moved.length).toBeGreaterThan(0);
    const changed = await yearEndMails(api.db, `changed:${assessment}:r2`);
    expect(new Set(changed.map((m) => m.unitId))).toEqual(new Set(moved));
    // 市工信局 rose above 市科技局, which is told its new rank and why.
    const kjjChanged = changed.filter((m) => m.recipientEmail === 'kjj@example.gov.cn');
    expect(kjjChanged).toHaveLength(1);
    const was = approvedResults.find((r) => r.unitId === kjj)!;
    const now = after.find((r) => r.unitId === kjj)!;
    expect(now.rank).toBe(was.rank! + 1);
    expect(kjjChanged[0]!.bodyText).toContain(`排名由第${was.rank}名调整为第${now.rank}名`);
    expect(kjjChanged[0]!.bodyText).toContain(`因${names.get(gxj)}的申诉获支持`);

    const rejectedAppeal = await post(
      `/api/assessments/${assessment}/appeals`,
      'gz-kjj',
      {
        unitId: kjj,
        criterionId: 'd1.3',
        reason: '会议纪要漏报',
      },
      201,
    );
    await post(
      `/api/assessments/appeals/${rejectedAppeal.body.id}/decision`,
      'office',
      {
        uphold: false,
        reason: '会议纪要未体现调度内容',
      },
      200,
    );
    const rejected = await yearEndMails(api.db, `appeal-decided:${rejectedAppeal.body.id}`);
    expect(new Set(rejected.map((m) => m.unitId))).toEqual(new Set([kjj]));
    expect(rejected.find((m) => m.recipientEmail === 'kjj@example.gov.cn')!.bodyText).toContain(
      '不予支持。理由：会议纪要未体现调度内容。原考评结果不变。',
    );
    expect(await yearEndMails(api.db, `changed:${assessment}:r3`)).toEqual([]);
    await delivered([...toOffice, ...decided, ...changed, ...rejected]);
  });

  it('an upheld county appeal that takes a commendation away tells the county that lost it', async () => {
    const office = await api.login('office');
    await post(`/api/assessments/${county}/review`, 'office', {}, 200);
    const scope: { id: string }[] = (
      await api.http().get(`/api/assessments/${county}/units`).set('Authorization', office).expect(200)
    ).body;
    const reviewed = [
      { criterionId: 'c1.1', input: { value: 80 }, reason: '核实' },
      { criterionId: 'c2.1', input: { score: 0, reason: '未提供材料' }, reason: '核实' },
      { criterionId: 'c2.2', input: { actual: 9, planned: 10 }, reason: '核实' },
      { criterionId: 'c3.1', input: { score: 5, reason: '核实' }, reason: '核实' },
      { criterionId: 'c3.2', input: { score: 3, reason: '核实' }, reason: '核实' },
    ];
    for (const u of scope)
      await api
        .http()
        .put(`/api/assessments/${county}/units/${u.id}/review`)
        .set('Authorization', office)
        .send({ entries: reviewed })
        .expect(200);
    await post(`/api/assessments/${county}/approve`, 'leader', {}, 202);
    await scoringSettled(api, county);
    await post(`/api/assessments/${county}/publish`, 'office', {}, 200);
    const results = async (): Promise<Result[]> =>
      (await api.http().get(`/api/assessments/${county}/results`).set('Authorization', office).expect(200)).body
        .results;
    const before = await results();
    // A county ranked third (commended) and one below it in its tier that 科技管理能力建设 (10 points) can lift above it.
    const pairs = before
      .filter(
        (c) => c.rank === 3 && c.commended && before.filter((x) => x.tier === c.tier && x.rank === 3).length === 1,
      )
      .flatMap((c) =>
        before
          .filter((y) => y.tier === c.tier && y.rank! > 3 && !y.vetoed)
          .map((y) => ({ c, y, gap: Number(c.total) - Number(y.total) })),
      )
      .filter((p) => p.gap < 10)
      .sort((p, q) => p.gap - q.gap);
    expect(pairs.length).toBeGreaterThan(0);
    const { c: lost, y: appellant, gap } = pairs[0]!;
    const published = await yearEndMails(api.db, `published:${county}:r1`);
    expect(published.filter((m) => m.unitId === lost.unitId).every((m) => m.bodyText.includes('予以表扬'))).toBe(true);

    const appeal = await post(
      `/api/assessments/${county}/appeals`,
      await liaisonLogin(api.db, appellant.unitId),
      { unitId: appellant.unitId, criterionId: 'c2.1', reason: '科技局编制与经费到位，材料漏报' },
      201,
    );
    await post(
      `/api/assessments/appeals/${appeal.body.id}/decision`,
      'office',
      {
        uphold: true,
        reason: '材料属实',
        input: { score: Math.min(10, Math.floor(gap) + 1), reason: '编制与经费到位' },
      },
      200,
    );
    await scoringSettled(api, county);
    const after = await results();
    expect(after.find((r) => r.unitId === lost.unitId)!.commended).toBe(false);
    const changed = await yearEndMails(api.db, `changed:${county}:r2`);
    expect(new Set(changed.map((m) => m.unitId))).toEqual(new Set(movedUnits(before, after, appellant.unitId)));
    const toLost = changed.filter((m) => m.unitId === lost.unitId);
    expect(toLost.length).toBeGreaterThan(0);
    for (const m of toLost) {
      expect(m.bodyText).toContain('排名由第3名调整为第4名');
      expect(m.bodyText).toContain('不再列入表扬');
      expect(m.bodyText).toContain(
        `因${(await unitNamesById(api.db, [appellant.unitId])).get(appellant.unitId)}的申诉获支持`,
      );
    }
    const decided = await yearEndMails(api.db, `appeal-decided:${appeal.body.id}`);
    expect(new Set(decided.map((m) => m.unitId))).toEqual(new Set([appellant.unitId]));
    expect(decided[0]!.bodyText).toContain('予以表扬');
    await delivered([...published, ...changed, ...decided]);
  });

  it('a unit’s inbox holds its own notices only', async () => {
    const inbox = async (user: string) =>
      (
        await api
          .http()
          .get('/api/inbox')
          .query({ pageSize: 100 })
          .set('Authorization', await api.login(user))
          .expect(200)
      ).body.items.filter((i: { kind: string }) => i.kind === 'year_end') as { title: string; body: string }[];
    const kjjInbox = await inbox('gz-kjj');
    expect(kjjInbox.some((i) => i.body.includes('退回理由：第3项会议纪要未附'))).toBe(true);
    const gxjInbox = await inbox('gz-gxj');
    expect(gxjInbox.some((i) => i.body.includes('予以支持。理由：验收材料属实。'))).toBe(true);
    expect(gxjInbox.some((i) => i.body.includes('退回理由'))).toBe(false);
    // 市科技局 hears that its rank moved because of another unit's appeal, not how that appeal was argued.
    expect(kjjInbox.some((i) => i.title.includes('本单位结果有变动'))).toBe(true);
    expect(kjjInbox.some((i) => i.body.includes('验收材料属实') || i.body.includes('年度任务已全部完成'))).toBe(false);
    expect(await inbox('nc-office')).toEqual([]);
  });

  it('sends nothing twice: a step’s notices written again claim nothing, a restarted worker dispatches nothing again', async () => {
    const sent = (await yearEndMails(api.db, '')).length;
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    const a = list.body.find((x: { id: string }) => x.id === assessment);
    const notices = api.app.get(YearEndNoticesService);
    await api.db.transaction(async (m) => {
      await notices.selfReturned(m, a, kjj, '第3项会议纪要未附', new Date('2024-01-22T02:00:00.000Z'));
      await notices.appealFiled(m, a, {
        id: filed.body.id,
        unitId: gxj,
        criterionName: '重点任务推进',
        reason: '年度任务已全部完成，附验收材料',
      });
    });
    expect((await yearEndMails(api.db, '')).length).toBe(sent);
    expect(await unsentYearEndMails(api.db)).toBe(0);
    await worker!.stop('SIGTERM');
    await startWorker();
    await mailQueueIdle(api.env.REDIS_URL, prefix);
    // A few dispatch rounds of the new worker.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await mailQueueIdle(api.env.REDIS_URL, prefix);
    const received = smtp.byMessageId();
    for (const [id, copies] of received) expect([id, copies.length]).toEqual([id, 1]);
    const all = await yearEndMails(api.db, '');
    expect(all).toHaveLength(sent);
    for (const m of all) expect(received.get(m.messageId)).toHaveLength(1);
  });
});
