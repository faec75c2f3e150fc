import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { Unit } from '@app/organisation';
import { aNotificationDraft } from '../../../test/factories/notifications.js';
import { aCity, aUnit } from '../../../test/factories/organisation.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { Notification, NotificationStatus } from './entities/notification.entity.js';
import type { NotificationDraft } from './messages.js';
import {
  type BatchOutcome,
  INSERT_BATCH,
  NotificationsRepository,
  type SendableRow,
} from './notifications.repository.js';

const at = (hhmm: string) => new Date(`2023-04-03T${hhmm}:00+08:00`);

describe('NotificationsRepository: the outbox (against PostgreSQL)', () => {
  let source: TestDataSource;
  let repo: NotificationsRepository;
  let m: EntityManager;

  beforeAll(async () => {
    source = await openTestDataSource([Notification, Unit]);
    repo = new NotificationsRepository(source.db);
    m = source.db.manager;
  });
  afterAll(() => source.close());
  beforeEach(() => m.getRepository(Notification).clear());

  const insert = (drafts: NotificationDraft[], createdAt = at('09:00')) =>
    source.db.transaction((t) => repo.insertNotifications(t, drafts, createdAt));
  const stored = (id: string) => m.getRepository(Notification).findOneByOrFail({ id });
  /** A send the server accepted at once. */
  const markSent = async (id: string, when: Date) =>
    outcomeOf(id, await repo.sendLocked([id], async () => undefined, { sentAt: () => when }));
  /** One row's outcome in a batch's. */
  const outcomeOf = (id: string, outcome: BatchOutcome) =>
    outcome.sent.includes(id)
      ? 'sent'
      : outcome.alreadyDone.includes(id)
        ? 'already-done'
        : outcome.missing.includes(id)
          ? 'missing'
          : 'failed';
  /** A send the server refused with `message`; `final` when it was the last try. */
  const refuse = (id: string, message: string, final: boolean) =>
    repo.sendLocked([id], () => Promise.reject(new Error(message)), {
      sentAt: () => at('09:00'),
      failure: () => ({ message, final }),
    });

  it('claims each key once: a repeated insert, or a key already claimed within a batch, creates nothing more', async () => {
    const first = aNotificationDraft();
    const second = aNotificationDraft();
    const ids = await insert([first, second]);
    expect(ids).toHaveLength(2);
    expect(await insert([first, second])).toEqual([]);
    const third = aNotificationDraft();
    const again = await insert([{ ...first, subject: '另一封' }, third]);
    expect(again).toHaveLength(1);
    expect((await stored(again[0]!)).idempotencyKey).toBe(third.key);
    expect(await m.getRepository(Notification).countBy({ subject: '另一封' })).toBe(0);
    expect(await stored(ids[0]!)).toMatchObject({
      idempotencyKey: first.key,
      status: NotificationStatus.Pending,
      attempts: 0,
      enqueuedAt: null,
      sentAt: null,
      createdAt: at('09:00'),
    });
  });

  it('claims a key once when two transactions insert it at the same time', async () => {
    const draft = aNotificationDraft();
    const [a, b] = await Promise.all([insert([draft]), insert([draft])]);
    expect(a.length + b.length).toBe(1);
    expect(await m.getRepository(Notification).countBy({ idempotencyKey: draft.key })).toBe(1);
  });

  it('inserts more drafts than one statement takes, every one of them', async () => {
    const drafts = Array.from({ length: INSERT_BATCH + 3 }, () => aNotificationDraft());
    const ids = await insert(drafts);
    expect(new Set(ids).size).toBe(drafts.length);
    expect(await m.getRepository(Notification).count()).toBe(drafts.length);
  });

  it('hands the dispatcher pending rows not yet enqueued, oldest first, and two dispatchers different rows', async () => {
    const [late] = await insert([aNotificationDraft()], at('09:30'));
    const [early] = await insert([aNotificationDraft()], at('09:00'));
    const [queued] = await insert([aNotificationDraft()], at('08:00'));
    const [sent] = await insert([aNotificationDraft()], at('08:00'));
    await source.db.transaction((t) => repo.markEnqueued(t, [queued!], at('08:01')));
    await markSent(sent!, at('08:02'));

    expect(await source.db.transaction(async (t) => (await repo.lockUndispatched(t, 10)).map((r) => r.id))).toEqual([
      early,
      late,
    ]);
    expect(await source.db.transaction(async (t) => (await repo.lockUndispatched(t, 1)).map((r) => r.id))).toEqual([
      early,
    ]);

    // While one dispatcher holds the oldest row, another skips it instead of waiting or taking it too.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const firstLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = source.db.transaction(async (t) => {
      const rows = await repo.lockUndispatched(t, 1);
      locked();
      await held;
      await repo.markEnqueued(
        t,
        rows.map((r) => r.id),
        at('09:40'),
      );
      return rows.map((r) => r.id);
    });
    await firstLocked;
    const second = await source.db.transaction(async (t) => (await repo.lockUndispatched(t, 10)).map((r) => r.id));
    release();
    expect(await first).toEqual([early]);
    expect(second).toEqual([late]);
    expect(await source.db.transaction(async (t) => repo.lockUndispatched(t, 10))).toEqual([{ id: late, attempts: 0 }]);
  });

  it('offers rows enqueued but still pending to the dispatcher again, and leaves sent ones alone', async () => {
    const [pending, sent, fresh] = await insert([aNotificationDraft(), aNotificationDraft(), aNotificationDraft()]);
    await source.db.transaction((t) => repo.markEnqueued(t, [pending!, sent!], at('09:01')));
    await markSent(sent!, at('09:02'));
    expect(await repo.requeuePending()).toBe(1);
    expect((await stored(pending!)).enqueuedAt).toBeNull();
    expect((await stored(sent!)).enqueuedAt).toEqual(at('09:01'));
    expect((await stored(fresh!)).enqueuedAt).toBeNull();
    expect(await repo.requeuePending()).toBe(0);
  });

  it('lets one sender hold a row for the whole send: a second waits and then sees it sent', async () => {
    const [id] = await insert([aNotificationDraft({ recipientEmail: 'a@example.com' })]);
    const nothing = async () => undefined;
    const missing = '00000000-0000-4000-8000-000000000000';
    const hostile = "x'; DROP TABLE notifications; --";
    expect(await repo.sendLocked([missing, hostile], nothing, { sentAt: () => at('09:05') })).toEqual({
      sent: [],
      alreadyDone: [],
      missing: [hostile, missing],
      failed: [],
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const firstLocked = new Promise<void>((resolve) => (locked = resolve));
    const handed: SendableRow[] = [];
    const first = repo.sendLocked(
      [id!],
      async (row) => {
        handed.push(row);
        locked();
        await held;
      },
      { sentAt: () => at('09:05') },
    );
    await firstLocked;
    const second = repo.sendLocked([id!], async (row) => void handed.push(row), { sentAt: () => at('09:06') });
    const raced = await Promise.race([
      second.then(() => 'second finished'),
      new Promise((r) => setTimeout(r, 300, 'waiting')),
    ]);
    expect(raced).toBe('waiting');
    release();
    expect(outcomeOf(id!, await first)).toBe('sent');
    expect(outcomeOf(id!, await second)).toBe('already-done');
    expect(handed).toEqual([expect.objectContaining({ id, status: 'pending', recipientEmail: 'a@example.com' })]);
    expect(await stored(id!)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at('09:05'), lastError: null });
  });

  it('leaves a row pending and unlocked when its send fails', async () => {
    const [id] = await insert([aNotificationDraft()]);
    const refused = await repo.sendLocked([id!], () => Promise.reject(new Error('421 busy')), {
      sentAt: () => at('09:05'),
    });
    expect(refused.failed).toEqual([{ id, error: new Error('421 busy') }]);
    expect(await stored(id!)).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    // An id in capitals names the same row.
    const upper = await repo.sendLocked([id!.toUpperCase()], async () => undefined, { sentAt: () => at('09:06') });
    expect(upper).toEqual({ sent: [id], alreadyDone: [], missing: [], failed: [] });
    expect(await stored(id!)).toMatchObject({ status: 'sent', sentAt: at('09:06') });
  });

  it('sends a batch at once: marks what the server accepted, counts what it refused, skips what is done', async () => {
    const [accepted, refused, finalRefusal, done, alsoAccepted] = await insert(
      Array.from({ length: 5 }, (_, i) => aNotificationDraft({ recipientEmail: `r${i}@example.com` })),
    );
    await markSent(done!, at('09:00'));
    let inFlight = 0;
    let most = 0;
    const outcome = await repo.sendLocked(
      [alsoAccepted!, refused!, done!, finalRefusal!, accepted!],
      async (row) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        if (row.id === refused) throw new Error('451 try later');
        if (row.id === finalRefusal) throw new Error('550 no such user');
      },
      {
        sentAt: () => at('09:05'),
        failure: (error) => ({ message: (error as Error).message, final: (error as Error).message.startsWith('5') }),
      },
    );
    // Every pending row was handed over before any send finished: the transport's pool sends them side by side.
    expect(most).toBe(4);
    expect([...outcome.sent].sort()).toEqual([accepted, alsoAccepted].sort());
    expect(outcome.alreadyDone).toEqual([done]);
    expect(outcome.failed.map((f) => f.id).sort()).toEqual([refused, finalRefusal].sort());
    expect(await stored(accepted!)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at('09:05') });
    expect(await stored(alsoAccepted!)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at('09:05') });
    expect(await stored(refused!)).toMatchObject({ status: 'pending', attempts: 1, lastError: '451 try later' });
    expect(await stored(finalRefusal!)).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 no such user' });
    expect(await stored(done!)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at('09:00') });
    // The retry finds only the row still pending.
    const retried: string[] = [];
    const again = await repo.sendLocked(
      [alsoAccepted!, refused!, done!, finalRefusal!, accepted!],
      async (row) => void retried.push(row.id),
      { sentAt: () => at('09:10') },
    );
    expect(retried).toEqual([refused]);
    expect(again.sent).toEqual([refused]);
    expect(await stored(refused!)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('two batches sharing rows, locked in opposite orders, wait for each other instead of deadlocking', async () => {
    const ids = await insert(Array.from({ length: 6 }, () => aNotificationDraft()));
    const sends: string[] = [];
    const slowly = async (row: SendableRow) => {
      await new Promise((r) => setTimeout(r, 30));
      sends.push(row.id);
    };
    const [a, b] = await Promise.all([
      repo.sendLocked(ids.slice(0, 4), slowly, { sentAt: () => at('09:05') }),
      repo.sendLocked(ids.slice(2).reverse(), slowly, { sentAt: () => at('09:05') }),
    ]);
    expect([...a.sent, ...b.sent].sort()).toEqual([...ids].sort());
    expect(a.alreadyDone.length + b.alreadyDone.length).toBe(2);
    expect([...sends].sort()).toEqual([...ids].sort());
  });

  it('offers pending rows to the dispatcher again without waiting for the batch a sender holds', async () => {
    const ids = await insert(Array.from({ length: 4 }, () => aNotificationDraft()));
    await source.db.transaction((t) => repo.markEnqueued(t, ids, at('09:01')));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const sending = new Promise<void>((resolve) => (locked = resolve));
    const sender = repo.sendLocked(
      ids.slice(1, 3),
      async () => {
        locked();
        await held;
      },
      { sentAt: () => at('09:05') },
    );
    await sending;
    // Before, the requeue waited for the held rows, locking others meanwhile: with a batch, a deadlock.
    expect(await repo.requeuePending()).toBe(2);
    release();
    expect((await sender).sent).toHaveLength(2);
    expect((await stored(ids[0]!)).enqueuedAt).toBeNull();
    expect((await stored(ids[1]!)).status).toBe('sent');
  });

  it('counts failed attempts, keeps the error (cut to 2000 characters), fails the row on the last one', async () => {
    const [id, done] = await insert([aNotificationDraft(), aNotificationDraft()]);
    await refuse(id!, '451 try later', false);
    expect(await stored(id!)).toMatchObject({ status: 'pending', attempts: 1, lastError: '451 try later' });
    await refuse(id!, 'x'.repeat(3000), true);
    const failed = await stored(id!);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.lastError).toHaveLength(2000);
    // A row that is no longer pending is not tried again, so nothing more is counted on it.
    expect((await refuse(id!, 'again', true)).alreadyDone).toEqual([id]);
    expect(await stored(id!)).toMatchObject({ status: 'failed', attempts: 2 });
    await markSent(done!, at('09:03'));
    await refuse(done!, 'too late', true);
    expect(await stored(done!)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // A sent message after failures clears the error.
    const [retried] = await insert([aNotificationDraft()]);
    await refuse(retried!, 'timeout', false);
    await markSent(retried!, at('09:04'));
    expect(await stored(retried!)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('puts a failed row back to pending and off the queue for a resend', async () => {
    const [id] = await insert([aNotificationDraft()]);
    await source.db.transaction((t) => repo.markEnqueued(t, [id!], at('09:01')));
    await refuse(id!, 'refused', true);
    const found = await source.db.transaction(async (t) => {
      const row = await repo.findForOffice(t, id!);
      await repo.markForResend(t, id!);
      return row;
    });
    expect(found).toMatchObject({ id, status: 'failed', attempts: 1, lastError: 'refused', cityId: null });
    expect(await stored(id!)).toMatchObject({ status: 'pending', enqueuedAt: null, sentAt: null, attempts: 1 });
    expect(await source.db.transaction((t) => repo.lockUndispatched(t, 10))).toEqual([{ id, attempts: 1 }]);
    expect(
      await source.db.transaction((t) => repo.findForOffice(t, '00000000-0000-4000-8000-000000000000')),
    ).toBeNull();
  });

  it('lists one city’s log, newest first, filtered and paged, with each unit’s name', async () => {
    const city = await aCity(m);
    const other = await aCity(m);
    const unit = await aUnit(m, city);
    const periodId = '11111111-1111-4111-8111-111111111111';
    const [old] = await insert([aNotificationDraft({ cityId: city.id, unitId: unit.id, periodId })], at('08:00'));
    const [escalation] = await insert(
      [aNotificationDraft({ cityId: city.id, unitId: unit.id, kind: 'escalation' })],
      at('09:00'),
    );
    const [digest] = await insert([aNotificationDraft({ cityId: city.id, kind: 'office_digest' })], at('10:00'));
    await insert([aNotificationDraft({ cityId: other.id, unitId: unit.id, periodId })], at('11:00'));
    await refuse(escalation!, 'refused', true);

    const all = await repo.list({ cityId: city.id }, 0, 10);
    expect(all.total).toBe(3);
    expect(all.items.map((n) => n.id)).toEqual([digest, escalation, old]);
    expect(all.items[2]).toMatchObject({ unitId: unit.id, unitName: unit.name, periodId, attempts: 0 });
    expect(all.items[0]!.unitName).toBeNull();

    const page = await repo.list({ cityId: city.id }, 1, 1);
    expect([page.total, page.items.map((n) => n.id)]).toEqual([3, [escalation]]);
    const pick = async (filter: Omit<Parameters<NotificationsRepository['list']>[0], 'cityId'>) =>
      (await repo.list({ cityId: city.id, ...filter }, 0, 10)).items.map((n) => n.id);
    expect(await pick({ status: 'failed' })).toEqual([escalation]);
    expect(await pick({ kind: 'office_digest' })).toEqual([digest]);
    expect(await pick({ unitId: unit.id })).toEqual([escalation, old]);
    expect(await pick({ periodId })).toEqual([old]);
    expect(await pick({ unitId: unit.id, kind: 'reminder' })).toEqual([old]);
  });
});
