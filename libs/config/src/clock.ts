/** The one source of "now". Inject it; never call `new Date()` for business time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; tests and frozen demos use it. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

const DAY_MS = 86_400_000;

function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/**
 * Real time of day on another calendar date. The shift is whole days, so every process started
 * on the same real day agrees on "now" without sharing state.
 */
export class ShiftedClock extends Clock {
  /** How far this clock runs ahead of (or behind) the system clock, in whole days. */
  readonly offsetMs: number;
  constructor(today: string, timeZone: string, realNow: Date = new Date()) {
    super();
    const realToday = dateInZone(realNow, timeZone);
    this.offsetMs = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${realToday}T00:00:00Z`);
    if (this.offsetMs % DAY_MS !== 0) throw new Error('clock shift must be whole days');
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export function createClock(env: { APP_NOW?: string; APP_TODAY?: string; APP_TIMEZONE: string }): Clock {
  if (env.APP_NOW) return new FixedClock(new Date(env.APP_NOW));
  if (env.APP_TODAY) return new ShiftedClock(env.APP_TODAY, env.APP_TIMEZONE);
  return new SystemClock();
}
