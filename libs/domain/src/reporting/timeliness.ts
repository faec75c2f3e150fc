/** Was a report on time (按时报送)? And what share of a unit's expected reports were? */
import type { Decimal } from 'decimal.js';
import { D } from '../decimal.js';

export type Timeliness = 'on_time' | 'late' | 'missing' | 'pending';

export const TIMELINESS_STATUSES: readonly Timeliness[] = ['on_time', 'late', 'missing', 'pending'];

/**
 * on_time: submitted at or before the deadline (exactly at it counts); late: submitted after it;
 * missing: not submitted and the deadline has passed; pending: not submitted, deadline not yet passed.
 * A submission is judged by its own time, whatever `now` is.
 */
export function timeliness(submittedAt: Date | null, deadline: Date, now: Date): Timeliness {
  const due = deadline.getTime();
  if (submittedAt !== null) return submittedAt.getTime() <= due ? 'on_time' : 'late';
  return now.getTime() <= due ? 'pending' : 'missing';
}

export interface TimelinessRate {
  counts: Record<Timeliness, number>;
  /** Reports that should exist by now: on_time + late + missing (pending is not yet expected). */
  expected: number;
  /** on_time ÷ expected, exact to 40 significant digits; null when nothing is expected yet. */
  rate: Decimal | null;
  /** The rate as a percentage, half-up to 2 decimals ('66.67'); null when nothing is expected yet. */
  percent: string | null;
}

/**
 * The share of expected reports that came on time (按时报送率). When nothing is expected yet the
 * rate is null rather than 0 or 1: the caller decides (a scoring scheme would usually give full points).
 */
export function timelinessRate(statuses: readonly Timeliness[]): TimelinessRate {
  const counts: Record<Timeliness, number> = { on_time: 0, late: 0, missing: 0, pending: 0 };
  for (const status of statuses) {
    if (!(TIMELINESS_STATUSES as readonly string[]).includes(status))
      throw new RangeError(`未知的报送状态：${String(status)}`);
    counts[status] += 1;
  }
  const expected = counts.on_time + counts.late + counts.missing;
  if (expected === 0) return { counts, expected, rate: null, percent: null };
  const rate = new D(counts.on_time).div(expected);
  return { counts, expected, rate, percent: rate.times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2) };
}
