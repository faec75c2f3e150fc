import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * How long the demo loader may wait. None of its steps waits for a lock on a database of its own,
 * so a wait means another connection holds one (a test, a running API): the load fails naming the
 * step instead of hanging `npm test` or `npm run demo`. The defaults leave a normal load alone.
 */
export interface DemoTimeouts {
  /** The whole load. */
  timeoutMs: number;
  /** Longest wait for a lock, per statement (PostgreSQL lock_timeout). */
  lockTimeoutMs: number;
  /** Longest single statement (statement_timeout). */
  statementTimeoutMs: number;
}

export const defaultDemoTimeouts: DemoTimeouts = {
  timeoutMs: 15 * 60_000,
  lockTimeoutMs: 30_000,
  statementTimeoutMs: 5 * 60_000,
};

export type DemoFailure = 'lock' | 'statement' | 'overall' | 'error';

/** The load stopped in a named step: why, in Chinese and English, with the database's error as the cause. */
export class DemoLoadError extends Error {
  constructor(
    readonly step: string,
    readonly failure: DemoFailure,
    reason: { zh: string; en: string },
    cause?: unknown,
  ) {
    super(`演示数据加载失败，步骤“${step}”：${reason.zh}（demo load failed at step "${step}": ${reason.en}）`, {
      cause,
    });
    this.name = 'DemoLoadError';
  }
}

interface PgClient {
  processID?: number;
  query: (sql: string) => Promise<unknown>;
}
interface PgPool {
  on: (event: 'acquire', listener: (client: PgClient) => void) => void;
  off: (event: 'acquire', listener: (client: PgClient) => void) => void;
}

/**
 * Runs the loader's steps under its timeouts. While they run, every connection the data source
 * hands out (to the loader and to the services it calls) first gets lock_timeout and
 * statement_timeout; a step still running at the overall deadline fails, and what its connections
 * are still executing is cancelled, so nothing is left waiting behind the error. Afterwards the
 * connections get the server's defaults back.
 */
export class DemoSteps {
  private readonly deadline: number;
  private readonly clients = new Set<PgClient>();
  private readonly prepare = (client: PgClient) => {
    if (this.clients.has(client)) return;
    this.clients.add(client);
    // pg runs a client's queries in order: this one before the query the client was acquired for.
    client
      .query(
        `SET lock_timeout = ${Math.round(this.timeouts.lockTimeoutMs)}; SET statement_timeout = ${Math.round(this.timeouts.statementTimeoutMs)}`,
      )
      .catch(() => undefined);
  };

  private constructor(
    private readonly dataSource: DataSource,
    private readonly timeouts: DemoTimeouts,
  ) {
    this.deadline = Date.now() + timeouts.timeoutMs;
  }

  static async run<T>(
    dataSource: DataSource,
    timeouts: DemoTimeouts,
    body: (steps: DemoSteps) => Promise<T>,
  ): Promise<T> {
    const steps = new DemoSteps(dataSource, timeouts);
    const pool = (dataSource.driver as PostgresDriver).master as PgPool;
    pool.on('acquire', steps.prepare);
    try {
      return await body(steps);
    } finally {
      pool.off('acquire', steps.prepare);
      await steps.restore();
    }
  }

  /** Runs `work` as the named step, or fails with a DemoLoadError naming it. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) throw this.overall(name);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.overall(name)), remaining);
    });
    const running = work().catch((error: unknown) => Promise.reject(this.explain(name, error)));
    // Past the deadline the step is abandoned: its own failure (the cancellation) is then no news.
    running.catch(() => undefined);
    try {
      return await Promise.race([running, expired]);
    } catch (error) {
      if (error instanceof DemoLoadError && error.failure === 'overall') await this.cancelRunning();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private overall(step: string): DemoLoadError {
    const ms = this.timeouts.timeoutMs;
    return new DemoLoadError(step, 'overall', {
      zh: `整体加载超过 ${ms} 毫秒仍未完成，已中止`,
      en: `the whole load took longer than ${ms} ms and was stopped`,
    });
  }

  private explain(step: string, error: unknown): DemoLoadError {
    if (error instanceof DemoLoadError) return error;
    const code =
      (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
      (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === '55P03') {
      const ms = this.timeouts.lockTimeoutMs;
      return new DemoLoadError(
        step,
        'lock',
        {
          zh: `等待数据库锁超过 ${ms} 毫秒，另一个连接锁住了要用的表（${message}）`,
          en: `waited more than ${ms} ms for a lock another connection holds (${message})`,
        },
        error,
      );
    }
    if (code === '57014' && /statement timeout/.test(message)) {
      const ms = this.timeouts.statementTimeoutMs;
      return new DemoLoadError(
        step,
        'statement',
        { zh: `单条语句超过 ${ms} 毫秒（${message}）`, en: `a statement ran longer than ${ms} ms (${message})` },
        error,
      );
    }
    return new DemoLoadError(step, 'error', { zh: message, en: message }, error);
  }

  /** Cancels what the prepared connections are still executing (a statement waiting for a lock). */
  private async cancelRunning(): Promise<void> {
    const pids = [...this.clients].map((c) => c.processID).filter((pid): pid is number => typeof pid === 'number');
    if (pids.length === 0) return;
    await this.dataSource
      .query(
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state <> 'idle' AND pid <> pg_backend_pid()`,
        [pids],
      )
      .catch(() => undefined);
  }

  /** The server's defaults back on every prepared connection (a closed one refuses, which is fine). */
  private async restore(): Promise<void> {
    const prepared = [...this.clients];
    this.clients.clear();
    await Promise.all(
      prepared.map((client) => client.query('RESET lock_timeout; RESET statement_timeout').catch(() => undefined)),
    );
  }
}
