import type { TestApi } from '../setup/api.js';
import { type Db, rows } from './sql.js';

interface Criterion {
  id: string;
  name: string;
  points: number | string;
  rule?: Record<string, unknown>;
  note?: string;
  children?: Criterion[];
}

/**
 * 组织实施 as the office rewrites it in version 2: 制度执行有效性 becomes two leaves the evaluator
 * measures — 项目验收按期完成率 (all or nothing at ≥ 95%) and 档案资料归档 (0.5 points off per missing
 * file, against 20 files).
 */
const ORGANISATION_V2: Criterion[] = [
  {
    id: 'P2b',
    name: '项目验收按期完成率',
    points: 2,
    rule: { kind: 'threshold', operator: '>=', target: 95 },
    note: '按期完成率≥95%得2分，否则不得分',
  },
  {
    id: 'P2c',
    name: '档案资料归档',
    points: 2,
    rule: { kind: 'shortfall', target: 20, step: 1, pointsPerStep: 0.5, partialStepCounts: false, direction: 'higher' },
    note: '应归档20份，每少1份扣0.5分，扣完为止',
  },
];

function rewrite(nodes: Criterion[]): Criterion[] {
  return nodes.map((n) => {
    if (n.id === 'P2' && n.children)
      return { ...n, children: [...n.children.filter((c) => c.id !== 'P2b' && c.id !== 'P2c'), ...ORGANISATION_V2] };
    return n.children ? { ...n, children: rewrite(n.children) } : n;
  });
}

/**
 * The office publishes version 2 of the city's 2023 fund evaluation scheme through the API: a copy
 * of the active version with 组织实施 rewritten (a threshold and a shortfall leaf), then enabled.
 */
export async function publishFundSchemeV2(api: TestApi, office: string): Promise<{ id: string; version: number }> {
  const list = await api.http().get('/api/schemes').query({ kind: 'fund', year: 2023 }).set('Authorization', office);
  const current = (list.body as { id: string; status: string; definition: { criteria: Criterion[] } }[]).find(
    (s) => s.status === 'active',
  );
  if (!current) throw new Error(`no active fund scheme: ${list.status} ${JSON.stringify(list.body)}`);
  const copy = await api.http().post(`/api/schemes/${current.id}/clone`).set('Authorization', office).send({});
  if (copy.status !== 201) throw new Error(`clone: ${copy.status} ${JSON.stringify(copy.body)}`);
  const patched = await api
    .http()
    .patch(`/api/schemes/${copy.body.id}`)
    .set('Authorization', office)
    .send({ definition: { ...copy.body.definition, criteria: rewrite(copy.body.definition.criteria) } });
  if (patched.status !== 200) throw new Error(`patch: ${patched.status} ${JSON.stringify(patched.body)}`);
  const active = await api.http().post(`/api/schemes/${copy.body.id}/activate`).set('Authorization', office);
  if (active.status !== 201) throw new Error(`activate: ${active.status} ${JSON.stringify(active.body)}`);
  return { id: copy.body.id, version: copy.body.version };
}

/** The audit entries written for one fund evaluation by action, oldest first. */
export async function fundEvaluationAudit(
  db: Db,
  action: string,
): Promise<{ entityId: string; reason: string | null; before: unknown; after: unknown; actorName: string }[]> {
  return rows(
    db,
    `SELECT entity_id AS "entityId", reason, before, after, actor_name AS "actorName" FROM audit_log
     WHERE entity = 'fund_evaluations' AND action = $1 ORDER BY at, id`,
    [action],
  );
}
