import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** When each recurring schedule last ran (`schedule_runs`), the bookkeeping that makes a run safe to repeat. */
@Injectable()
export class ScheduleRunsRepository {
  /**
   * Locks the schedule's row for the rest of the transaction and returns when it last ran (null:
   * never). Two workers running the same schedule therefore take turns, and the second sees the
   * first one's time.
   */
  async lock(m: EntityManager, name: string, now: Date): Promise<Date | null> {
    const existing: { last_run_at: Date }[] = await m.query(
      `SELECT last_run_at FROM schedule_runs WHERE name = $1 FOR UPDATE`,
      [name],
    );
    if (existing[0]) return existing[0].last_run_at;
    const created: unknown[] = await m.query(
      `INSERT INTO schedule_runs (name, last_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [name, now],
    );
    if (created.length > 0) return null;
    const again: { last_run_at: Date }[] = await m.query(
      `SELECT last_run_at FROM schedule_runs WHERE name = $1 FOR UPDATE`,
      [name],
    );
    return again[0]?.last_run_at ?? null;
  }

  async set(m: EntityManager, name: string, at: Date): Promise<void> {
    await m.query(`UPDATE schedule_runs SET last_run_at = GREATEST(last_run_at, $2) WHERE name = $1`, [name, at]);
  }
}
