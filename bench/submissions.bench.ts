import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freshDatabase, login, startBuiltApi } from './support.js';

/**
 * Month-end rush: many liaisons saving and submitting reports at once against one API process.
 * Each operation is a draft save followed by its submission (two requests); prints requests/s and
 * latency percentiles. Target: ≥ 300 requests/s with p95 < 100 ms on this 2-core machine.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase('kechuang_bench_submit');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const api = await startBuiltApi(databaseUrl, 3902);
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
    const latencies: number[] = [];
    let failures = 0;
    const request = async (method: string, path: string, body: unknown) => {
      const started = performance.now();
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { id?: string; version?: number };
      latencies.push(performance.now() - started);
      if (res.status >= 300) failures++;
      return json;
    };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < subjects.length) {
          const subjectId = subjects[next++]!;
          const draft = await request('PUT', '/api/reports', {
            periodId: period,
            subjectType: 'assignment',
            subjectId,
            progressStatus: 'on_track',
            completionPercent: 33,
            narrative: '按计划推进，本月完成阶段性目标。',
          });
          if (draft.id) await request('POST', `/api/reports/${draft.id}/submit`, { version: draft.version });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    console.log(
      `report save + submit: ${latencies.length} requests (${subjects.length} reports) in ${seconds.toFixed(1)} s = ` +
        `${(latencies.length / seconds).toFixed(0)} requests/s with ${CONCURRENCY} concurrent clients; ` +
        `latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms; ${failures} failures`,
    );
    console.log(`api peak resident memory: ${api.peakRssMb().toFixed(0)} MB`);
  } finally {
    await api.stop();
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
