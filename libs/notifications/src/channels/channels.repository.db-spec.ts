import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { openTestDataSource, type TestDataSource } from '../../../../test/setup/data-source.js';
import { ChannelPost, NotificationChannel } from './channel.entity.js';
import type { ChannelPostDraft } from './channel-drafts.js';
import { ChannelsRepository } from './channels.repository.js';

const at = (hhmm: string) => new Date(`2023-04-03T${hhmm}:00+08:00`);

describe('ChannelsRepository: posts claimed once (against PostgreSQL)', () => {
  let source: TestDataSource;
  let repo: ChannelsRepository;
  let channelId: string;
  const cityId = randomUUID();

  beforeAll(async () => {
    source = await openTestDataSource([NotificationChannel, ChannelPost]);
    repo = new ChannelsRepository(source.db);
    channelId = await source.db.transaction((m) =>
      repo.insert(m, cityId, {
        kind: 'dingtalk',
        name: '测试群',
        webhookSealed: 'v1:sealed',
        secretSealed: 'v1:secret',
        webhookHint: 'oapi.dingtalk.com/****abcd',
        scope: 'unit',
        planId: null,
        unitId: randomUUID(),
        enabled: true,
        mentionByPhone: false,
      }),
    );
  });
  afterAll(() => source.close());
  beforeEach(() => source.db.getRepository(ChannelPost).clear());

  const draft = (key = randomUUID()): ChannelPostDraft => ({
    key,
    channelId,
    cityId,
    kind: 'reminder',
    message: { title: '【报送提醒】', lines: ['章贡区：任务3'], link: 'https://kc/todo', mobiles: [] },
  });
  const insert = (drafts: ChannelPostDraft[]) => source.db.transaction((m) => repo.insertPosts(m, drafts, at('09:00')));
  const status = async (id: string) => (await repo.statusOf(id))?.status;

  it('claims each key once', async () => {
    const d = draft();
    expect(await insert([d, draft()])).toHaveLength(2);
    expect(await insert([d])).toEqual([]);
  });

  it('lets one of two concurrent claims win, with what sending needs', async () => {
    const [id] = await insert([draft()]);
    const claims = await Promise.all([repo.claim(id!, at('09:01')), repo.claim(id!, at('09:01'))]);
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({
      id,
      channelId,
      kind: 'dingtalk',
      webhookSealed: 'v1:sealed',
      secretSealed: 'v1:secret',
    });
    expect(won[0]!.message.lines).toEqual(['章贡区：任务3']);
    expect(await status(id!)).toBe('sending');
    // Claimed, it cannot be claimed again until it is put back to pending (a retry the service asked for).
    expect(await repo.claim(id!, at('09:02'))).toBeNull();
    await repo.settle(id!, 'pending', 'errcode 130101', at('09:02'));
    expect(await repo.claim(id!, at('09:03'))).not.toBeNull();
  });

  it('turns only an unsettled claim into unknown, and the real answer still wins', async () => {
    const [inFlight, done] = await insert([draft(), draft()]);
    await repo.claim(inFlight!, at('09:00'));
    await repo.claim(done!, at('09:00'));
    await repo.settle(done!, 'sent', null, at('09:00'));
    expect(await repo.markUnknown(done!, 'x')).toBe(false);
    expect(await repo.markStaleUnknown(at('08:59'), '中断')).toBe(0);
    expect(await repo.markStaleUnknown(at('09:05'), '中断')).toBe(1);
    expect(await status(inFlight!)).toBe('unknown');
    expect(await status(done!)).toBe('sent');
    await repo.settle(inFlight!, 'sent', null, at('09:06'));
    expect(await status(inFlight!)).toBe('sent');
  });

  it('puts a post back for a resend only through the office, off the queue', async () => {
    const [id] = await insert([draft()]);
    await repo.claim(id!, at('09:00'));
    await repo.markUnknown(id!, '中断');
    await source.db.transaction((m) => repo.markForResend(m, id!));
    expect(await status(id!)).toBe('pending');
    const [row] = await repo.listPosts(cityId, 'pending', 0, 10).then((r) => r.items);
    expect(row).toMatchObject({ id, channelName: '测试群', title: '【报送提醒】', status: 'pending' });
  });
});
