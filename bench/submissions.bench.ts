import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freshDatabase, login, startBuiltApi } from './support.js';

/**
 * Month-end rush: many liaisons saving and submitting reports at once against one API process.
 * Each report is a draft save followed by its submission (two requests). The floor, measured in
 * the same run against the same process with the same clients: a route of the benchmark's own
 * (bench/submissions-floor-api.ts) behind the same guard and session check, doing one indexed
 * insert. Rounds alternate product and floor so that the machine's other load falls on both.
 * Last line: `ratio` = product requests/s ÷ floor requests/s (aim ≥ 0.5). Each phase also prints the
 * API process's CPU time per request, which the machine's other load moves less than throughput.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = 4;
const WARM_UP = 64;

interface Phase {
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
  /** CPU time the API process spent in the phase, in ms. */
  apiCpuMs: number;
}

function describe(phase: Phase): string {
  const sorted = [...phase.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
  return (
    `${phase.requests} requests in ${phase.seconds.toFixed(1)} s = ${(phase.requests / phase.seconds).toFixed(0)} requests/s ` +
    `with ${CONCURRENCY} concurrent clients; latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms; ${phase.failures} failures; ` +
    `API CPU ${(phase.apiCpuMs / phase.requests).toFixed(2)} ms per request`
  );
}

function merge(phases: Phase[]): Phase {
  return {
    requests: phases.reduce((n, p) => n + p.requests, 0),
    seconds: phases.reduce((n, p) => n + p.seconds, 0),
    latencies: phases.flatMap((p) => p.latencies),
    failures: phases.reduce((n, p) => n + p.failures, 0),
    apiCpuMs: phases.reduce((n, p) => n + p.apiCpuMs, 0),
  };
}

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase('kechuang_bench_submit');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `CREATE TABLE bench_floor (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), period_id uuid NOT NULL, subject_id uuid NOT NULL,
       unit_id uuid NOT NULL, author_id uuid NOT NULL, narrative text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (period_id, subject_id))`,
  );
  const api = await startBuiltApi(databaseUrl, 3902, [
    '--import',
    './scripts/ts-loader.mjs',
    'bench/submissions-floor-api.ts',
  ]);
  try {
    // Every assignment gets its April report saved and submitted; the office account may report for any unit.
    const period: string = (
      await db.query(
        `SELECT rp.id FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id WHERE p.doc_number LIKE '赣市科赋字%' AND rp.month = 4`,
      )
    ).rows[0].id;
    // Clone the plan's assignments into many synthetic ones so the run is long enough to measure.
    await db.query(`DELETE FROM reports WHERE period_id = $1`, [period]);
    await db.query(
      `
      INSERT INTO assignments (task_id, unit_id, role, sort_order)
      SELECT t.id, u.id, 'responsible', 100 FROM tasks t CROSS JOIN units u
      WHERE t.plan_id = (SELECT plan_id FROM reporting_periods WHERE id = $1)
        AND u.kind IN ('department', 'county', 'institution', 'enterprise', 'sub_unit')
        AND u.city_id = (SELECT city_id FROM plans WHERE id = t.plan_id)
      ON CONFLICT DO NOTHING`,
      [period],
    );
    const subjects: string[] = (
      await db.query(
        `SELECT a.id FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN reporting_periods rp ON rp.plan_id = t.plan_id WHERE rp.id = $1`,
        [period],
      )
    ).rows.map((r: { id: string }) => r.id);
    const token = await login(api, 'office');
    const narrative = '按计划推进，本月完成阶段性目标。';

    /** Runs `work` over `items` with CONCURRENCY clients; `work` returns how many requests it made. */
    const phase = async <T>(items: T[], work: (item: T, timed: Timed) => Promise<void>): Promise<Phase> => {
      const result: Phase = { requests: 0, seconds: 0, latencies: [], failures: 0, apiCpuMs: 0 };
      const timed: Timed = async (method, path, body) => {
        const started = performance.now();
        const res = await fetch(`${api.url}${path}`, {
          method,
          headers: { authorization: token, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as { id?: string; version?: number };
        result.latencies.push(performance.now() - started);
        result.requests++;
        if (res.status >= 300) result.failures++;
        return json;
      };
      let next = 0;
      const cpuAtStart = api.cpuMs();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < items.length) await work(items[next++]!, timed);
        }),
      );
      result.seconds = (performance.now() - started) / 1000;
      result.apiCpuMs = api.cpuMs() - cpuAtStart;
      return result;
    };
    const product = (subjectIds: string[]) =>
      phase(subjectIds, async (subjectId, timed) => {
        const draft = await timed('PUT', '/api/reports', {
          periodId: period,
          subjectType: 'assignment',
          subjectId,
          progressStatus: 'on_track',
          completionPercent: 33,
          narrative,
        });
        if (draft.id) await timed('POST', `/api/reports/${draft.id}/submit`, { version: draft.version });
      });
    // As many floor requests as the product phase made, each a new row.
    const floor = (count: number) =>
      phase(
        Array.from({ length: count }, () => randomUUID()),
        async (subjectId, timed) =>
          void (await timed('PUT', '/bench/floor', { periodId: period, subjectId, narrative })),
      );

    await product(subjects.slice(0, WARM_UP));
    await floor(2 * WARM_UP);
    const measured = subjects.slice(WARM_UP);
    const size = Math.ceil(measured.length / ROUNDS);
    const products: Phase[] = [];
    const floors: Phase[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const chunk = measured.slice(round * size, (round + 1) * size);
      if (round % 2 === 0) {
        products.push(await product(chunk));
        floors.push(await floor(products.at(-1)!.requests));
      } else {
        floors.push(await floor(2 * chunk.length));
        products.push(await product(chunk));
      }
    }
    const p = merge(products);
    const f = merge(floors);
    const ratio = p.requests / p.seconds / (f.requests / f.seconds);
    console.log(`report save + submit (${measured.length} reports): ${describe(p)}`);
    console.log(`floor, guard + session check + one indexed insert in the same process: ${describe(f)}`);
    console.log(`api peak resident memory: ${api.peakRssMb().toFixed(0)} MB`);
    console.log(`ratio ${ratio.toFixed(2)}`);
  } finally {
    await api.stop();
    await db.end();
  }
}

type Timed = (method: string, path: string, body: unknown) => Promise<{ id?: string; version?: number }>;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
