import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectedReports } from '@app/reporting';
import { type ChannelListener, startChannelListener } from '../../scripts/channel-listener.js';
import { aLiaisonWithMobile, enableOnly, postsOf, storedChannels, type StoredPost } from '../factories/channels.js';
import { planByTitle } from '../factories/plans.js';
import { aPeriod, unsubmitAll } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';
import { obliterateQueues } from '../setup/queues.js';
import { unitByCode } from '../setup/lookups.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const robot = () => ({ token: hex(16), secret: `SEC${hex(32)}` });
const dingtalkUrl = (token: string) => `https://oapi.dingtalk.com/robot/send?access_token=${token}`;
const wecomUrl = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;

/**
 * Reminders posted to 企业微信 / 钉钉 group robots, against the local listener that answers as the
 * services do; the worker runs as its own process (two of them, and one killed mid-post).
 */
describe('group-chat channels', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let listener: ChannelListener;
  let planId: string;
  let periodId: string;
  const workers: RunningProcess[] = [];
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
  const KEY = hex(32);
  const plan = robot();
  const wecomKey = `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`;
  let planChannelId: string;
  let unitChannelId: string;

  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: api.databaseUrl,
    REDIS_URL: api.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    APP_NOW: '2023-04-03T09:00:00+08:00',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    NOTIFY_DISPATCH_EVERY_MS: '300',
    CHANNEL_SECRET_KEY: KEY,
    CHANNEL_WEBHOOK_REDIRECT: listener.url,
    CHANNEL_BACKOFF_MS: '200',
    CHANNEL_ATTEMPTS: '4',
    ...extra,
  });

  async function startWorker(extra: Record<string, string> = {}): Promise<RunningProcess> {
    const worker = spawnWorker(workerEnv(extra));
    workers.push(worker);
    await workersStarted(worker);
    return worker;
  }

  async function stopWorkers(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await Promise.all(workers.splice(0).map((w) => w.stop(signal)));
  }

  const office = () => api.login('office');

  async function addChannel(body: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await api
      .http()
      .post('/api/channels')
      .set('Authorization', await office())
      .send(body);
    return { status: res.status, body: res.body };
  }

  /** The office's manual chase on another day: one more reminder run, so one more post per channel. */
  async function chaseOn(day: string): Promise<void> {
    api.travelTo(`${day}T09:00:00+08:00`);
    const res = await api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', await office())
      .send({ periodId });
    expect(res.status).toBe(201);
  }

  /** Waits until these channels have `count` posts besides the `known` ones, all settled; returns the new ones. */
  async function settled(
    channelIds: string[],
    count: number,
    what: string,
    known = new Set<string>(),
  ): Promise<StoredPost[]> {
    try {
      return await waitFor(
        async () => {
          const posts = (await postsOf(api.db, channelIds)).filter((p) => !known.has(p.id));
          return posts.length >= count && posts.every((p) => !['pending', 'sending'].includes(p.status)) ? posts : null;
        },
        what,
        40_000,
      );
    } catch (error) {
      console.log(await postsOf(api.db, channelIds), workers.map((w) => w.output().slice(-3000)).join('\n----\n'));
      throw error;
    }
  }

  const received = (token: string) => listener.messages.filter((m) => m.token === token);
  const knownPosts = async () => new Set((await postsOf(api.db)).map((p) => p.id));

  beforeAll(async () => {
    smtp = await startSmtp();
    listener = await startChannelListener();
    listener.addRobot('dingtalk', plan.token, plan.secret);
    listener.addRobot('wecom', wecomKey);
    api = await startApi({
      now: '2023-04-03T09:00:00+08:00',
      env: { QUEUE_PREFIX: prefix, CHANNEL_SECRET_KEY: KEY, PUBLIC_URL: 'https://kc.example.gov.cn' },
    });
    planId = await planByTitle(api.db, '2023年赣州');
    periodId = await aPeriod(api.db, {
      planId,
      year: 2023,
      month: 3,
      opensOn: '2023-03-01',
      dueDate: '2023-04-06',
      deadline: '2023-04-06T17:00:00+08:00',
    });
    await unsubmitAll(api.db, periodId);
    await aLiaisonWithMobile(api.db, (await unitByCode(api.db, 'GZ-GXJ')).id, '工信局联络员', '13907970001');
  });

  afterAll(async () => {
    await stopWorkers('SIGKILL');
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
    await listener.close();
    await smtp.close();
  });

  it('refuses a webhook that is not the service’s https endpoint, with the reason in Chinese', async () => {
    const base = {
      kind: 'dingtalk',
      name: '专班群',
      secret: plan.secret,
      scope: 'plan',
      planId,
      enabled: true,
      mentionByPhone: true,
    };
    const http = await addChannel({ ...base, webhookUrl: dingtalkUrl(plan.token).replace('https:', 'http:') });
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.body)).toContain('必须使用 https');
    const elsewhere = await addChannel({
      ...base,
      webhookUrl: `https://hooks.example.com/robot/send?access_token=${plan.token}`,
    });
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.body)).toContain('不是钉钉自定义机器人的 Webhook 地址');
    const noSecret = await addChannel({ ...base, secret: undefined, webhookUrl: dingtalkUrl(plan.token) });
    expect(noSecret.status).toBe(400);
    expect(JSON.stringify(noSecret.body)).toContain('加签');
    expect(await postsOf(api.db)).toEqual([]);
    expect(await storedChannels(api.db)).toEqual([]);
  });

  it('stores the URL and secret sealed and answers with hints only', async () => {
    const created = await addChannel({
      kind: 'dingtalk',
      name: '赣州市科创专班群',
      webhookUrl: dingtalkUrl(plan.token),
      secret: plan.secret,
      scope: 'plan',
      planId,
      enabled: true,
      mentionByPhone: true,
    });
    expect(created.status).toBe(201);
    planChannelId = String(created.body.id);
    expect(created.body).toMatchObject({
      kind: 'dingtalk',
      webhookHint: `oapi.dingtalk.com/****${plan.token.slice(-4)}`,
      secretHint: `****${plan.secret.slice(-4)}`,
      planTitle: expect.stringContaining('赣州'),
    });
    const gxj = (await unitByCode(api.db, 'GZ-GXJ')).id;
    const unit = await addChannel({
      kind: 'wecom',
      name: '市工信局群',
      webhookUrl: wecomUrl(wecomKey),
      scope: 'unit',
      unitId: gxj,
      enabled: true,
      mentionByPhone: false,
    });
    expect(unit.status).toBe(201);
    unitChannelId = String(unit.body.id);
    const list = await api
      .http()
      .get('/api/channels')
      .set('Authorization', await office());
    const text = JSON.stringify(list.body);
    expect(list.body).toHaveLength(2);
    for (const secret of [plan.token, plan.secret, wecomKey]) expect(text).not.toContain(secret);
    const stored = JSON.stringify(await storedChannels(api.db));
    for (const secret of [plan.token, plan.secret, wecomKey]) expect(stored).not.toContain(secret);
  });

  it('a reminder run posts one signed message per channel listing the units, and a second run posts nothing', async () => {
    await startWorker();
    const res = await api
      .http()
      .post('/api/admin/schedules/reminders-tick/run')
      .set('Authorization', await api.login('platform'));
    expect(res.status).toBe(202);
    const posts = await settled([planChannelId, unitChannelId], 2, 'the reminder posts');
    expect(posts.map((p) => [p.channel_id, p.kind, p.status, p.attempts])).toEqual(
      expect.arrayContaining([
        [planChannelId, 'reminder', 'sent', 1],
        [unitChannelId, 'reminder', 'sent', 1],
      ]),
    );
    expect(posts).toHaveLength(2);
    // The listener checked the signature and answered 0.
    const [ding] = received(plan.token);
    expect(received(plan.token)).toHaveLength(1);
    expect(ding!.errcode).toBe(0);
    const outstanding = (
      await expectedReports(api.db.manager, { periodIds: [periodId] }, new Date('2023-04-03T01:00:00Z'))
    ).filter((r) => r.outstanding);
    const units = [...new Set(outstanding.map((r) => r.unitId))];
    const body = ding!.body as { msgtype: string; markdown: { text: string }; at: { atMobiles: string[] } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.text).toContain(`尚有未报事项的单位 ${units.length} 家`);
    expect(body.at.atMobiles).toEqual(['13907970001']);
    expect(body.markdown.text).toContain('@13907970001');
    const [wecom] = received(wecomKey);
    const text = (wecom!.body as { text: { content: string } }).text.content;
    expect(text).toContain('赣州市工业和信息化局');
    expect(text).not.toContain('赣州市科学技术局');

    const again = await api
      .http()
      .post('/api/admin/schedules/reminders-tick/run')
      .set('Authorization', await api.login('platform'));
    expect(again.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await postsOf(api.db)).toHaveLength(2);
    expect(listener.messages).toHaveLength(2);
    for (const w of workers)
      for (const secret of [plan.token, plan.secret, wecomKey]) expect(w.output()).not.toContain(secret);
  });

  it('a wrong secret is failed with the service’s errcode and never retried', async () => {
    const wrong = robot();
    listener.addRobot('dingtalk', wrong.token, `SEC${hex(32)}`);
    const created = await addChannel({
      kind: 'dingtalk',
      name: '密钥错误的群',
      webhookUrl: dingtalkUrl(wrong.token),
      secret: wrong.secret,
      scope: 'plan',
      planId,
      enabled: true,
      mentionByPhone: false,
    });
    const known = await knownPosts();
    await chaseOn('2023-04-04');
    const [post] = await settled([String(created.body.id)], 1, 'the post with the wrong secret');
    await settled([planChannelId, unitChannelId], 2, 'the other posts of that chase', known);
    expect(post).toMatchObject({ status: 'failed', attempts: 1, last_error: 'errcode 310000: sign not match' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(received(wrong.token)).toHaveLength(1);
    await enableOnly(api.db, [planChannelId, unitChannelId]);
  });

  it('a post the service refuses for its rate is retried later and then sent', async () => {
    listener.rateLimitNext(1);
    const before = listener.messages.length;
    const known = await knownPosts();
    await chaseOn('2023-04-05');
    const posts = await settled([planChannelId, unitChannelId], 2, 'the chased posts', known);
    expect(posts.map((p) => p.status)).toEqual(['sent', 'sent']);
    expect(posts.map((p) => p.attempts).sort()).toEqual([1, 2]);
    const answers = listener.messages.slice(before).map((m) => m.errcode);
    expect(answers.filter((c) => c === 0)).toHaveLength(2);
    expect(answers.filter((c) => c === 45009 || c === 130101)).toHaveLength(1);
  });

  it('holds 3 messages per 2 s window per robot across two worker processes', async () => {
    await stopWorkers();
    // A robot of its own, so that the counts of the posts before do not weigh on its window.
    const limited = robot();
    listener.addRobot('dingtalk', limited.token, limited.secret);
    const created = await addChannel({
      kind: 'dingtalk',
      name: '限流测试群',
      webhookUrl: dingtalkUrl(limited.token),
      secret: limited.secret,
      scope: 'plan',
      planId,
      enabled: true,
      mentionByPhone: false,
    });
    const limitedId = String(created.body.id);
    await enableOnly(api.db, [limitedId]);
    const days = ['2023-04-07', '2023-04-08', '2023-04-09', '2023-04-10', '2023-04-11', '2023-04-12', '2023-04-13'];
    for (const day of days) await chaseOn(day);
    const limits = { CHANNEL_RATE_LIMIT: '3', CHANNEL_RATE_WINDOW_SECONDS: '2', CHANNEL_CONCURRENCY: '3' };
    await Promise.all([startWorker(limits), startWorker(limits)]);
    const posts = await settled([limitedId], days.length, 'the limited posts');
    expect(posts.map((p) => p.status)).toEqual(days.map(() => 'sent'));
    const times = received(limited.token).map((m) => m.receivedAt);
    expect(times).toHaveLength(days.length);
    // Windows are fixed and start with the first message: never more than 3 in the first 2 s.
    const first = Math.min(...times);
    expect(times.filter((t) => t < first + 1_900).length).toBeLessThanOrEqual(3);
    // Seven messages at three per window need a third window.
    expect(Math.max(...times) - first).toBeGreaterThanOrEqual(3_500);
    await stopWorkers();
    await enableOnly(api.db, [planChannelId, unitChannelId]);
  });

  it('a worker killed mid-post leaves that post unknown, posts nothing twice, and the office can resend it', async () => {
    const fast = { WORKER_LOCK_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500', CHANNEL_CONCURRENCY: '1' };
    const before = listener.messages.length;
    const known = await knownPosts();
    listener.hold();
    await chaseOn('2023-04-20');
    const doomed = await startWorker(fast);
    await waitFor(async () => listener.messages.length > before, 'a post to reach the listener', 20_000);
    const inFlight = listener.messages[before]!;
    await doomed.stop('SIGKILL');
    workers.splice(workers.indexOf(doomed), 1);
    listener.release();
    await startWorker(fast);
    const posts = await settled([planChannelId, unitChannelId], 2, 'the posts after the kill', known);
    expect(posts.map((p) => p.status).sort()).toEqual(['sent', 'unknown']);
    const unknown = posts.find((p) => p.status === 'unknown')!;
    expect(unknown.channel_id).toBe(inFlight.token === plan.token ? planChannelId : unitChannelId);
    expect(unknown.last_error).toContain('无法确认');
    // Each post reached the group exactly once: the unknown one is not posted again by itself.
    await new Promise((r) => setTimeout(r, 2000));
    expect(listener.messages.length - before).toBe(2);

    const log = await api
      .http()
      .get('/api/channels/posts?status=unknown')
      .set('Authorization', await office());
    expect(log.body.items.map((p: { id: string }) => p.id)).toEqual([unknown.id]);
    const sent = posts.find((p) => p.status === 'sent')!;
    const refused = await api
      .http()
      .post(`/api/channels/posts/${sent.id}/resend`)
      .set('Authorization', await office());
    expect(refused.status).toBe(409);
    const resend = await api
      .http()
      .post(`/api/channels/posts/${unknown.id}/resend`)
      .set('Authorization', await office());
    expect(resend.status).toBe(200);
    await waitFor(
      async () => (await postsOf(api.db)).find((p) => p.id === unknown.id)?.status === 'sent',
      'the resend',
    );
    expect(listener.messages.length - before).toBe(3);
  });
  it('publishing the quarterly bulletin (here a correction) announces it on the plan’s channels only', async () => {
    if (workers.length === 0) await startWorker();
    const known = await knownPosts();
    const published = await api
      .http()
      .post(`/api/plans/${planId}/bulletins`)
      .set('Authorization', await office())
      .send({ quarter: '2023-Q1', correctionReason: '补录南康区3月指标数据' });
    expect(published.status).toBe(201);
    const posts = await settled([planChannelId, unitChannelId], 1, 'the bulletin post', known);
    expect(posts.map((p) => [p.channel_id, p.kind, p.status])).toEqual([[planChannelId, 'bulletin', 'sent']]);
    const last = received(plan.token).at(-1)!;
    const text = (last.body as { markdown: { text: string } }).markdown.text;
    expect(text).toContain(`【通报发布】${published.body.snapshot.title}`);
    expect(text).toContain('补录南康区3月指标数据');
    expect(text).toContain('逾期或未报送单位');
    // Asked again without a correction, the bulletin is returned as published: nothing is announced twice.
    const again = await api
      .http()
      .post(`/api/plans/${planId}/bulletins`)
      .set('Authorization', await office())
      .send({ quarter: '2023-Q1' });
    expect(again.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await postsOf(api.db)).filter((p) => p.kind === 'bulletin')).toHaveLength(1);
  });
  it('a post waiting for a robot the office has switched off since is failed, not sent', async () => {
    await stopWorkers();
    const known = await knownPosts();
    const before = received(wecomKey).length;
    await chaseOn('2023-04-21');
    await enableOnly(api.db, [planChannelId]);
    await startWorker();
    const posts = await settled([planChannelId, unitChannelId], 2, 'the posts of the chase', known);
    expect(posts.map((p) => [p.channel_id, p.status, p.last_error])).toEqual(
      expect.arrayContaining([
        [planChannelId, 'sent', null],
        [unitChannelId, 'failed', '该群机器人已停用，未发送'],
      ]),
    );
    expect(received(wecomKey)).toHaveLength(before);
  });
});
