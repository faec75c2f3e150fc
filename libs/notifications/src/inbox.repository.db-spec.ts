import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { User } from '@app/identity';
import { Unit } from '@app/organisation';
import { aUser } from '../../../test/factories/identity.js';
import { anInboxDraft } from '../../../test/factories/notifications.js';
import { aCity, aUnit } from '../../../test/factories/organisation.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { InboxMessage } from './entities/notification.entity.js';
import { InboxRepository } from './inbox.repository.js';
import type { InboxDraft } from './messages.js';
import { INSERT_BATCH } from './notifications.repository.js';

const at = (day: number, hhmm: string) => new Date(`2023-04-0${day}T${hhmm}:00+08:00`);

describe('InboxRepository (against PostgreSQL)', () => {
  let source: TestDataSource;
  let repo: InboxRepository;
  let m: EntityManager;

  beforeAll(async () => {
    source = await openTestDataSource([InboxMessage, User, Unit]);
    repo = new InboxRepository(source.db);
    m = source.db.manager;
  });
  afterAll(() => source.close());

  const insert = (drafts: InboxDraft[], createdAt: Date) =>
    source.db.transaction((t) => repo.insert(t, drafts, createdAt));
  const aLiaison = async () => aUser(m, await aUnit(m, await aCity(m)));

  it('claims each key once, in batches larger than one statement too', async () => {
    const user = await aLiaison();
    const first = anInboxDraft(user);
    expect(await insert([first, anInboxDraft(user)], at(3, '09:00'))).toBe(2);
    expect(await insert([{ ...first, title: '重复' }, anInboxDraft(user)], at(3, '09:01'))).toBe(1);
    expect(await m.getRepository(InboxMessage).countBy({ userId: user.id })).toBe(3);
    expect(await m.getRepository(InboxMessage).countBy({ title: '重复' })).toBe(0);

    const many = Array.from({ length: INSERT_BATCH + 2 }, () => anInboxDraft(user));
    expect(await insert(many, at(3, '09:02'))).toBe(many.length);
    expect(await insert(many, at(3, '09:03'))).toBe(0);
  });

  it('lists a user’s own messages, newest first, unread only when asked, paged; counts them', async () => {
    const user = await aLiaison();
    const other = await aLiaison();
    await insert([anInboxDraft(user, { title: '一' })], at(3, '09:00'));
    await insert([anInboxDraft(user, { title: '二' })], at(3, '10:00'));
    await insert([anInboxDraft(user, { title: '三' })], at(3, '11:00'));
    await insert([anInboxDraft(other, { title: '别人的' })], at(3, '12:00'));
    const titles = async (unread: boolean, skip = 0, take = 10) => {
      const { items, total } = await repo.list(user.id, unread, skip, take);
      return { total, titles: items.map((i) => i.title) };
    };
    expect(await titles(false)).toEqual({ total: 3, titles: ['三', '二', '一'] });
    expect(await titles(false, 1, 1)).toEqual({ total: 3, titles: ['二'] });

    const second = (await repo.list(user.id, false, 1, 1)).items[0]!;
    const read = await repo.markRead(user.id, second.id, at(4, '08:00'));
    expect(read).toMatchObject({ id: second.id, title: '二', readAt: at(4, '08:00') });
    expect(await titles(true)).toEqual({ total: 2, titles: ['三', '一'] });
    expect(await repo.counts(user.id)).toEqual({ total: 3, unread: 2, read: 1 });
    expect(await repo.counts(other.id)).toEqual({ total: 1, unread: 1, read: 0 });
  });

  it('marks read only the owner’s message, keeping the first time it was read', async () => {
    const user = await aLiaison();
    const other = await aLiaison();
    await insert([anInboxDraft(user)], at(3, '09:00'));
    const [message] = (await repo.list(user.id, false, 0, 1)).items;
    expect(await repo.markRead(other.id, message!.id, at(3, '10:00'))).toBeNull();
    expect((await repo.list(user.id, false, 0, 1)).items[0]!.readAt).toBeNull();
    await repo.markRead(user.id, message!.id, at(3, '11:00'));
    expect((await repo.markRead(user.id, message!.id, at(3, '12:00')))!.readAt).toEqual(at(3, '11:00'));
  });

  it('marks all of a user’s unread messages read, once, and nobody else’s', async () => {
    const user = await aLiaison();
    const other = await aLiaison();
    await insert([anInboxDraft(user), anInboxDraft(user), anInboxDraft(other)], at(3, '09:00'));
    const [first] = (await repo.list(user.id, false, 0, 1)).items;
    await repo.markRead(user.id, first!.id, at(3, '09:30'));
    expect(await repo.markAllRead(user.id, at(3, '10:00'))).toBe(1);
    expect(await repo.markAllRead(user.id, at(3, '11:00'))).toBe(0);
    const readAt = (await repo.list(user.id, false, 0, 10)).items.map((i) => i.readAt?.getTime()).sort();
    expect(readAt).toEqual([at(3, '09:30').getTime(), at(3, '10:00').getTime()]);
    expect(await repo.counts(other.id)).toEqual({ total: 1, unread: 1, read: 0 });
  });

  it('gives the daily digest one day’s messages of active daily-mode users of enabled cities, by user and time', async () => {
    const city = await aCity(m);
    const unit = await aUnit(m, city);
    const daily = await aUser(m, unit, { digestMode: 'daily', username: 'a-daily' });
    const alsoDaily = await aUser(m, unit, { digestMode: 'daily', username: 'b-daily' });
    const immediate = await aUser(m, unit, { digestMode: 'immediate' });
    const inactive = await aUser(m, unit, { digestMode: 'daily', active: false });
    const disabledCity = await aCity(m, { disabledAt: at(1, '09:00') });
    const elsewhere = await aUser(m, await aUnit(m, disabledCity), { digestMode: 'daily' });

    await insert([anInboxDraft(daily, { title: '前一天' })], at(2, '23:59'));
    await insert([anInboxDraft(daily, { title: '晚' })], at(3, '18:00'));
    await insert([anInboxDraft(daily, { title: '早' })], at(3, '00:00'));
    await insert([anInboxDraft(daily, { title: '汇总', kind: 'digest' })], at(3, '08:00'));
    await insert([anInboxDraft(daily, { title: '次日' })], at(4, '00:00'));
    await insert([anInboxDraft(alsoDaily, { title: '另一人' })], at(3, '12:00'));
    for (const user of [immediate, inactive, elsewhere]) await insert([anInboxDraft(user)], at(3, '12:00'));

    const items = await repo.dailyDigestItems(m, at(3, '00:00'), at(4, '00:00'), ['digest']);
    const ours = new Set([daily.id, alsoDaily.id]);
    expect(items.every((i) => ours.has(i.userId))).toBe(true);
    const byUser = (userId: string) => items.filter((i) => i.userId === userId).map((i) => i.title);
    expect(byUser(daily.id)).toEqual(['早', '晚']);
    expect(byUser(alsoDaily.id)).toEqual(['另一人']);
    // One user's items together, in time order.
    const users = items.map((i) => i.userId);
    expect(users.filter((u, i) => u !== users[i - 1])).toHaveLength(2);
    expect(items.filter((i) => i.userId === daily.id)[0]).toMatchObject({
      createdAt: at(3, '00:00'),
      link: expect.stringContaining('https://'),
    });
  });
});
