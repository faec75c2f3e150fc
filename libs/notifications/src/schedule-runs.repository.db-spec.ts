import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { ScheduleRun } from './entities/notification.entity.js';
import { ScheduleRunsRepository } from './schedule-runs.repository.js';

const at = (hhmm: string) => new Date(`2023-04-10T${hhmm}:00+08:00`);

describe('ScheduleRunsRepository (against PostgreSQL)', () => {
  let source: TestDataSource;
  const runs = new ScheduleRunsRepository();

  beforeAll(async () => {
    source = await openTestDataSource([ScheduleRun]);
  });
  afterAll(() => source.close());

  it('a schedule never run has no last run; the first lock records now, and set never moves it back', async () => {
    const db = source.db;
    expect(await db.transaction((m) => runs.lock(m, 'reminders', at('09:00')))).toBeNull();
    expect(await db.transaction((m) => runs.lock(m, 'reminders', at('09:05')))).toEqual(at('09:00'));
    await db.transaction((m) => runs.set(m, 'reminders', at('09:10')));
    await db.transaction((m) => runs.set(m, 'reminders', at('08:00')));
    expect(await db.transaction((m) => runs.lock(m, 'reminders', at('09:15')))).toEqual(at('09:10'));
  });

  it('two workers running the same schedule take turns: the second sees the time the first recorded', async () => {
    const db = source.db;
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = db.transaction(async (m) => {
      const last = await runs.lock(m, 'digest', at('10:00'));
      firstLocked();
      await firstHolds;
      await runs.set(m, 'digest', at('10:00'));
      return last;
    });
    await locked;
    const second = db.transaction((m) => runs.lock(m, 'digest', at('10:00')));
    // The second waits on the first's row lock until the first commits.
    const raced = await Promise.race([
      second.then(() => 'second finished'),
      new Promise((r) => setTimeout(r, 300, 'waiting')),
    ]);
    expect(raced).toBe('waiting');
    releaseFirst();
    expect(await first).toBeNull();
    expect(await second).toEqual(at('10:00'));
  });
});
