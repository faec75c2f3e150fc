import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { messageIdFor } from '@app/notifications';
import { bullConnection, QueueName } from '@app/queue';
import { expectedReports } from '@app/reporting';
import { auditEntriesOf, latestAuditChange } from '../factories/audit.js';
import { aLinkedUser, cityOfUser, linkUserToContact } from '../factories/identity.js';
import {
  notificationCount,
  notificationsWhere,
  notificationTally,
  type StoredNotification,
  storedNotifications,
} from '../factories/notifications.js';
import { aContactWithEmail, firstContactEmail, reachableContactEmails } from '../factories/organisation.js';
import { assignmentsOfUnit, cityOfPlan, planByTitle, publishedAt } from '../factories/plans.js';
import { aPeriod, submitOnTime, unsubmitAll } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';
import { type EnqueuedJob, jobsFinished, obliterateQueues } from '../setup/queues.js';

/**
 * Reminders before the March 2023 deadline (Thursday 2023-04-06 17:00 Shanghai), the escalation
 * and office digest after it, nudges, digests, the office's log and resend, the inbox and
 * preferences; the worker runs as its own process with its clock set for each step.
 */
describe('reminders, escalations, digests and email', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let worker: RunningProcess | null = null;
  let planId: string;
  let cityId: string;
  let periodId: string;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
  const PUBLIC_URL = 'https://kc.example.gov.cn';

  const workerEnv = (now: string) => ({
    DATABASE_URL: api.databaseUrl,
    REDIS_URL: api.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    APP_NOW: now,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL,
    NOTIFY_DISPATCH_EVERY_MS: '300',
    MAIL_ATTEMPTS: '3',
    MAIL_BACKOFF_MS: '50',
  });

  /** Restarts the worker with its clock at `now`. */
  async function workerAt(now: string): Promise<void> {
    if (worker) expect(await worker.stop('SIGTERM')).toBe(0);
    worker = spawnWorker(workerEnv(now));
    const started = worker;
    await workersStarted(started);
  }

  async function runNow(name: string): Promise<EnqueuedJob> {
    const res = await api
      .http()
      .post(`/api/admin/schedules/${name}/run`)
      .set('Authorization', await api.login('platform'));
    expect(res.status).toBe(202);
    return { queue: res.body.queue, jobId: res.body.jobId };
  }

  const pendingOrUnsent = (kind: string) => notificationCount(api.db, { kind, status: 'pending' });
  const unitId = async (code: string) => (await unitByCode(api.db, code)).id;

  async function allSent(kind: string, atLeast = 1): Promise<StoredNotification[]> {
    try {
      return await waitFor(async () => {
        const list = await storedNotifications(api.db, { kind });
        return list.length >= atLeast && (await pendingOrUnsent(kind)) === 0 ? list : null;
      }, `every ${kind} to be sent`);
    } catch (error) {
      console.log(await notificationTally(api.db));
      console.log(worker?.output().slice(-5000));
      throw error;
    }
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startApi({ now: '2023-04-03T09:00:00+08:00', env: { QUEUE_PREFIX: prefix, PUBLIC_URL } });
    planId = await planByTitle(api.db, '2023年赣州');
    cityId = await cityOfPlan(api.db, planId);
    // Published long ago, so that assignments without reports are stale for the nudges.
    await publishedAt(api.db, planId, '2023-02-01T09:00:00+08:00');
    periodId = await aPeriod(api.db, {
      planId,
      year: 2023,
      month: 3,
      opensOn: '2023-03-01',
      dueDate: '2023-04-06',
      deadline: '2023-04-06T17:00:00+08:00',
    });
    // March starts from nothing submitted; then 市科技局 reports everything and 市工信局 one assignment of several.
    await unsubmitAll(api.db, periodId);
    const kjj = await assignmentsOfUnit(api.db, planId, await unitId('GZ-KJJ'));
    const gxj = await assignmentsOfUnit(api.db, planId, await unitId('GZ-GXJ'));
    expect(gxj.length).toBeGreaterThan(1);
    await submitOnTime(api.db, {
      periodId,
      planId,
      assignmentIds: [...kjj, ...gxj.filter((a) => a.taskNumber === gxj[0]!.taskNumber)].map((a) => a.id),
      at: '2023-04-01T10:00:00+08:00',
    });
    // The office's accounts get an email through a contact of the city; office-b stays in immediate mode.
    const officeA = { unitId: cityId, name: '办公室甲', email: 'office-a@example.gov.cn', role: 'liaison' };
    await linkUserToContact(api.db, 'office', await aContactWithEmail(api.db, officeA));
    const officeB = { unitId: cityId, name: '办公室乙', email: 'office-b@example.gov.cn', role: 'liaison' };
    await aLinkedUser(api.db, {
      username: 'office-b',
      displayName: '办公室乙',
      unitId: cityId,
      contactId: await aContactWithEmail(api.db, officeB),
      roles: ['office'],
    });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
    await smtp.close();
  });

  it('registers every schedule with the configured time zone', async () => {
    await workerAt('2023-04-03T09:00:00+08:00');
    const all = (
      await Promise.all(
        Object.values(QueueName).map(async (name) => {
          const q = new Queue(name, { connection: bullConnection(api.env.REDIS_URL), prefix });
          const list = await q.getJobSchedulers();
          await q.close();
          return list.map((s) => `${s.key} ${s.tz ?? `every ${s.every}ms`}`);
        }),
      )
    ).flat();
    expect(all.sort()).toEqual([
      'daily-digest Asia/Shanghai',
      'dispatch every 300ms',
      'ensure-periods-daily Asia/Shanghai',
      'fund-lag-monthly Asia/Shanghai',
      'nudges Asia/Shanghai',
      'purge-sessions-daily Asia/Shanghai',
      'quarterly-ranking Asia/Shanghai',
      'reminders-tick Asia/Shanghai',
      'sweep-evidence-hourly Asia/Shanghai',
      'weekly-digest Asia/Shanghai',
    ]);
  });

  it('D-3: every liaison of a unit with something outstanding gets one email listing exactly what is outstanding', async () => {
    await runNow('reminders-tick');
    const sent = (await allSent('reminder', 10)).filter((n) => n.period_id === periodId);
    const outstanding = (
      await expectedReports(api.db.manager, { periodIds: [periodId] }, new Date('2023-04-03T01:00:00Z'))
    ).filter((r) => r.outstanding);
    const unitsOwing = new Set(outstanding.map((r) => r.unitId));
    // Recipients: exactly the liaisons (with email) of the units owing something.
    const liaisons = new Set(await reachableContactEmails(api.db, [...unitsOwing], 'liaison'));
    expect(sent.map((n) => n.recipient_email).sort()).toEqual([...liaisons].sort());
    expect(new Set(sent.map((n) => n.unit_id))).toEqual(unitsOwing);
    expect(unitsOwing.has(await unitId('GZ-KJJ'))).toBe(false);

    // Each message: its own Message-ID derived from its key, received once, with the unit's list and links.
    const received = smtp.byMessageId();
    for (const n of sent) {
      expect(n.message_id).toBe(messageIdFor(n.idempotency_key));
      expect(n.idempotency_key).toBe(`reminder|${periodId}|${n.unit_id}|c:${n.recipient_contact_id}|D-3`);
      expect(received.get(n.message_id)).toHaveLength(1);
    }
    const gxj = await unitId('GZ-GXJ');
    const gxjItems = outstanding.filter((r) => r.unitId === gxj);
    const gxjMail = sent.find((n) => n.unit_id === gxj && n.recipient_user_id !== null)!;
    expect(gxjMail.subject).toBe(
      `【报送提醒】2023年3月进展报送3天后截止：赣州市工业和信息化局尚有${gxjItems.length}项未报送`,
    );
    for (const item of gxjItems) {
      expect(gxjMail.body_text).toContain(item.label);
      expect(gxjMail.body_text).toContain(`${PUBLIC_URL}/reports/${periodId}/assignment/${item.subjectId}`);
    }
    expect(gxjMail.body_text).toContain(`${PUBLIC_URL}/todo?period=${periodId}&unit=${gxj}`);
    // A contact without an account gets no link that would stop at the login page, but the office to call.
    const noAccount = sent.filter((n) => n.recipient_user_id === null);
    expect(noAccount.length).toBeGreaterThan(0);
    for (const n of noAccount) {
      expect(n.body_text).not.toContain(PUBLIC_URL);
      expect(n.body_text).toContain('请联系赣州市科技创新赋能行动领导小组办公室');
    }
    const body = gxjMail.body_text;
    expect(body.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(gxjItems.length);
    const mail = smtp.messages.find((m) => m.messageId === gxjMail.message_id)!;
    expect(mail.subject).toBe(gxjMail.subject);
    expect(mail.to).toEqual([gxjMail.recipient_email]);
  });

  it('a tick run again, or twice at once, sends nothing more', async () => {
    const before = smtp.messages.length;
    const rowsBefore = await notificationCount(api.db, {});
    await jobsFinished(
      api.env.REDIS_URL,
      prefix,
      await Promise.all([runNow('reminders-tick'), runNow('reminders-tick'), runNow('dispatch')]),
    );
    // The ticks are done and wrote no message: nothing is left that could still be sent.
    expect(await notificationCount(api.db, {})).toBe(rowsBefore);
    expect(await pendingOrUnsent('reminder')).toBe(0);
    expect(smtp.messages.length).toBe(before);
    expect(smtp.byMessageId().size).toBe(before);
  });

  it('liaisons with an account see the reminder in their inbox, with read and unread counts', async () => {
    const token = await api.login('gz-gxj');
    const list = await api.http().get('/api/inbox').set('Authorization', token).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.unread).toBe(1);
    const [message] = list.body.items;
    expect(message).toMatchObject({
      kind: 'reminder',
      readAt: null,
      link: `${PUBLIC_URL}/todo?period=${periodId}&unit=${await unitId('GZ-GXJ')}`,
    });
    expect(message.title).toContain('【报送提醒】');
    await api.http().post(`/api/inbox/${message.id}/read`).set('Authorization', token).expect(200);
    expect((await api.http().get('/api/inbox/counts').set('Authorization', token).expect(200)).body).toEqual({
      total: 1,
      unread: 0,
      read: 1,
    });
    expect((await api.http().get('/api/inbox?unread=true').set('Authorization', token).expect(200)).body.total).toBe(0);
    // Someone else's message is not found.
    await api
      .http()
      .post(`/api/inbox/${message.id}/read`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(404);
    // 市科技局 reported everything: nothing in its inbox.
    expect(
      (
        await api
          .http()
          .get('/api/inbox')
          .set('Authorization', await api.login('gz-kjj'))
          .expect(200)
      ).body.total,
    ).toBe(0);
  });

  it('the office chooses a daily digest; the preference is audited', async () => {
    const token = await api.login('office');
    expect((await api.http().get('/api/me/preferences').set('Authorization', token).expect(200)).body).toEqual({
      digestMode: 'immediate',
    });
    await api.http().put('/api/me/preferences').set('Authorization', token).send({ digestMode: 'weekly' }).expect(400);
    expect(
      (
        await api
          .http()
          .put('/api/me/preferences')
          .set('Authorization', token)
          .send({ digestMode: 'daily' })
          .expect(200)
      ).body,
    ).toEqual({ digestMode: 'daily' });
    const audit = await latestAuditChange(api.db, { entity: 'users', action: 'update', field: 'digestMode' });
    expect(audit).toEqual([{ before: 'immediate', after: 'daily' }]);
  });

  it('D+1: an escalation to the leaders of every unit still owing something, and the overdue digest to the office', async () => {
    await workerAt('2023-04-07T09:00:00+08:00');
    await runNow('reminders-tick');
    const escalations = (await allSent('escalation', 10)).filter((n) => n.period_id === periodId);
    const owing = new Set((await storedNotifications(api.db, { kind: 'reminder', periodId })).map((r) => r.unit_id!));
    const leaders = await reachableContactEmails(api.db, [...owing], 'leader');
    expect(escalations.map((n) => n.recipient_email).sort()).toEqual(leaders.sort());
    expect(escalations[0]!.subject).toMatch(/^【逾期催报】.+2023年3月进展报送已逾期，尚有\d+项未报送$/);
    // The office digest: office-b (immediate) by email; office (daily) in the inbox only.
    // Nanchang's office gets Nanchang's own digest (its demo plan has liaisons too); only Ganzhou's is checked here.
    const digests = (await allSent('office_digest', 1)).filter((n) => n.recipient_email !== '' && n.city_id === cityId);
    expect(digests.map((d) => d.recipient_email)).toEqual(['office-b@example.gov.cn']);
    expect(digests[0]!.body_text).toContain(`涉及${owing.size}个单位`);
    const inbox = await api
      .http()
      .get('/api/inbox')
      .set('Authorization', await api.login('office'))
      .expect(200);
    expect(inbox.body.items.map((i: { kind: string }) => i.kind)).toEqual(['office_digest']);
    // The email went to the leaders; the liaison who must act finds the escalation in the inbox too, no email.
    const liaisonInbox = await api
      .http()
      .get('/api/inbox')
      .set('Authorization', await api.login('gz-gxj'))
      .expect(200);
    const overdue = liaisonInbox.body.items.find((i: { kind: string }) => i.kind === 'escalation');
    expect(overdue).toMatchObject({
      title: expect.stringMatching(/^【逾期未报】赣州市工业和信息化局2023年3月进展报送已逾期，尚有\d+项未报送$/),
      link: `${PUBLIC_URL}/todo?period=${periodId}&unit=${await unitId('GZ-GXJ')}`,
    });
    expect(overdue.body).toContain('本月计迟报1次');
    expect(escalations.some((n) => n.recipient_email.includes('gz-gxj.liaison'))).toBe(false);
  });

  it('the office log lists, filters and pages notifications of its own city only', async () => {
    const office = await api.login('office');
    const all = await api.http().get('/api/notifications?pageSize=5').set('Authorization', office).expect(200);
    const total = await notificationCount(api.db, { cityId });
    expect(all.body.total).toBe(total);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.items[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    const esc = await api
      .http()
      .get(`/api/notifications?kind=escalation&status=sent&periodId=${periodId}`)
      .set('Authorization', office)
      .expect(200);
    expect(esc.body.items.every((n: { kind: string }) => n.kind === 'escalation')).toBe(true);
    const unitId = esc.body.items[0].unitId;
    const oneUnit = await api
      .http()
      .get(`/api/notifications?unitId=${unitId}`)
      .set('Authorization', office)
      .expect(200);
    expect(oneUnit.body.items.every((n: { unitId: string }) => n.unitId === unitId)).toBe(true);
    // Nanchang's office sees exactly Nanchang's notifications, none of Ganzhou's.
    const nanchang = await api
      .http()
      .get('/api/notifications?pageSize=100')
      .set('Authorization', await api.login('nc-office'))
      .expect(200);
    const ncCount = await notificationCount(api.db, { cityId: await cityOfUser(api.db, 'nc-office') });
    expect(nanchang.body.total).toBe(ncCount);
    const ganzhouIds = new Set((await notificationsWhere(api.db, { cityId })).map((r) => r.id));
    expect(nanchang.body.items.some((n: { id: string }) => ganzhouIds.has(n.id))).toBe(false);
    await api
      .http()
      .get('/api/notifications')
      .set('Authorization', await api.login('leader'))
      .expect(403);
    await api
      .http()
      .get('/api/notifications')
      .set('Authorization', await api.login('gz-kjj'))
      .expect(403);
    await api.http().get('/api/notifications?status=lost').set('Authorization', office).expect(400);
  });

  it('nudges the liaisons of assignments without a submission for 30 days, once per stretch', async () => {
    await runNow('nudges');
    const nudges = await allSent('nudge', 1);
    // 市科技局 submitted everything on 04-01: none of its assignments is stale.
    const kjj = await unitId('GZ-KJJ');
    expect(nudges.some((n) => n.unit_id === kjj)).toBe(false);
    for (const n of nudges) {
      const days = Number(/已(\d+)天未更新$/.exec(n.subject)?.[1]);
      expect(n.subject).toMatch(/^【进展更新提醒】任务\d+ .+已\d+天未更新$/);
      expect(days).toBeGreaterThanOrEqual(30);
      if (n.recipient_user_id === null) expect(n.body_text).not.toContain(PUBLIC_URL);
      else expect(n.body_text).toMatch(new RegExp(`${PUBLIC_URL}/todo\\?subject=[0-9a-f-]{36}`));
    }
    const count = nudges.length;
    await jobsFinished(api.env.REDIS_URL, prefix, [await runNow('nudges')]);
    expect(await notificationCount(api.db, { kind: 'nudge' })).toBe(count);
  });

  it('the weekly digest reaches the office; a daily-mode user gets it in the inbox', async () => {
    await runNow('weekly-digest');
    const weekly = await allSent('weekly_digest', 2);
    // Nanchang's office (an account with its own address) gets Nanchang's weekly digest.
    expect(weekly.map((w) => w.recipient_email).sort()).toEqual(['nc-office@example.com', 'office-b@example.gov.cn']);
    const ganzhou = weekly.find((w) => w.recipient_email === 'office-b@example.gov.cn')!;
    expect(ganzhou.subject).toBe('【每周汇总】赣州市科技创新赋能行动调度周报（2023年4月3日）');
    expect(ganzhou.body_text).toMatch(
      /2023年3月（截止2023年4月6日 17:00）：应报\d+项，已报\d+项，未报\d+项；逾期单位：/,
    );
  });

  it('the next morning a daily-mode user gets one digest email with the previous day’s messages', async () => {
    await workerAt('2023-04-08T08:00:00+08:00');
    await runNow('daily-digest');
    const digests = await allSent('digest', 1);
    expect(digests.map((d) => d.recipient_email)).toEqual(['office-a@example.gov.cn']);
    expect(digests[0]!.idempotency_key).toMatch(/^digest\|-\|-\|u:[0-9a-f-]+\|2023-04-07$/);
    expect(digests[0]!.subject).toBe('【每日汇总】2023年4月7日您有2条新消息');
    expect(digests[0]!.body_text).toContain('【逾期汇总】');
    expect(digests[0]!.body_text).toContain('【每周汇总】');
  });

  it('a send that keeps failing ends as failed with its error, and the office can resend it', async () => {
    const liaison = await firstContactEmail(api.db, await unitId('GZ-GXJ'), 'liaison');
    smtp.rejectRecipient(liaison, 451);
    const office = await api.login('office');
    const chase = await api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', office)
      .send({ periodId })
      .expect(201);
    expect(chase.body.offset).toBe('manual-2023-04-03');
    expect(chase.body.notifications).toBeGreaterThan(0);
    // A second chase the same day adds nothing.
    expect(
      (await api.http().post('/api/notifications/chase').set('Authorization', office).send({ periodId }).expect(201))
        .body.notifications,
    ).toBe(0);
    const failed = await waitFor(async () => {
      const list = await api.http().get('/api/notifications?status=failed').set('Authorization', office).expect(200);
      return list.body.total === 1 ? list.body.items[0] : null;
    }, 'the refused message to fail');
    expect(failed).toMatchObject({ kind: 'reminder', recipientEmail: liaison, attempts: 3 });
    expect(failed.lastError).toContain('451');
    await api
      .http()
      .post(`/api/notifications/${failed.id}/resend`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
    await api
      .http()
      .post(`/api/notifications/${failed.id}/resend`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(403);

    smtp.rejectRecipient(liaison, null);
    const res = await api
      .http()
      .post(`/api/notifications/${failed.id}/resend`)
      .set('Authorization', office)
      .expect(200);
    expect(res.body).toEqual({ id: failed.id, status: 'pending' });
    await api.http().post(`/api/notifications/${failed.id}/resend`).set('Authorization', office).expect(409);
    const sent = await waitFor(async () => {
      const [row] = await storedNotifications(api.db, { id: failed.id });
      return row!.status === 'sent' ? row! : null;
    }, 'the resent message to go out');
    expect(sent.attempts).toBe(4);
    expect(smtp.byMessageId().get(sent.message_id)).toHaveLength(1);
    const audit = await auditEntriesOf(api.db, { entity: 'notifications', entityId: failed.id });
    expect(
      audit.map((e) => ({ action: e.action, b: e.before?.status, a: e.after?.status, actor: e.actorName })),
    ).toEqual([{ action: 'resend', b: 'failed', a: 'pending', actor: expect.any(String) }]);
  });

  it('platform "run now": unknown names are 404, city roles 403', async () => {
    await api
      .http()
      .post('/api/admin/schedules/no-such/run')
      .set('Authorization', await api.login('platform'))
      .expect(404);
    await api
      .http()
      .post('/api/admin/schedules/reminders-tick/run')
      .set('Authorization', await api.login('office'))
      .expect(403);
    const list = await api
      .http()
      .get('/api/admin/schedules')
      .set('Authorization', await api.login('platform'))
      .expect(200);
    expect(list.body.map((s: { name: string }) => s.name)).toEqual([
      'purge-sessions-daily',
      'reminders-tick',
      'dispatch',
      'daily-digest',
      'weekly-digest',
      'nudges',
      'ensure-periods-daily',
      'quarterly-ranking',
      'fund-lag-monthly',
      'sweep-evidence-hourly',
    ]);
  });

  it('the queue board is for the platform only', async () => {
    await api.http().get('/api/admin/queues').expect(401);
    await api
      .http()
      .get('/api/admin/queues')
      .set('Authorization', await api.login('office'))
      .expect(403);
    await api.http().get('/api/admin/queues').set('Authorization', 'Bearer nonsense').expect(401);
    await api
      .http()
      .get('/api/admin/queues')
      .set('Authorization', await api.login('admin'))
      .expect(403);
    const page = await api
      .http()
      .get('/api/admin/queues')
      .set('Authorization', await api.login('platform'))
      .expect(200);
    expect(page.text).toContain('<html');
    const queues = await api
      .http()
      .get('/api/admin/queues/api/queues')
      .set('Authorization', await api.login('platform'))
      .expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'channel-posts',
      'mail',
      'mail-dispatch',
      'maintenance',
      'rankings',
      'reminders',
      'scoring',
    ]);

    // A browser opens it with the token once in the address; it moves into a cookie for this path only.
    const admin = (await api.login('platform')).slice('Bearer '.length);
    await api
      .http()
      .get('/api/admin/queues')
      .query({ access_token: (await api.login('office')).slice(7) })
      .expect(403);
    const opened = await api.http().get('/api/admin/queues').query({ access_token: admin }).expect(303);
    expect(opened.headers.location).toBe('/api/admin/queues');
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/kc_queue_board=.*HttpOnly/);
    expect(cookie).toContain('Path=/api/admin/queues');
    const viaCookie = await api
      .http()
      .get('/api/admin/queues/api/queues')
      .set('Cookie', cookie.split(';')[0]!)
      .expect(200);
    expect(viaCookie.body.queues).toHaveLength(7);
  });

  it('stops gracefully on SIGTERM', async () => {
    expect(await worker!.stop('SIGTERM')).toBe(0);
    worker = null;
  });
});
