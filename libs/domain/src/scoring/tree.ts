import type { Criterion, NumberLike, Rule, SchemeIssue } from './types.js';

/** A criterion as the platform stores it: one row with a parent id. */
export interface FlatCriterion {
  id: string;
  parentId: string | null;
  name: string;
  points: NumberLike;
  note?: string;
  rule?: Rule;
  /** Position among its siblings; rows without it keep their input order. */
  order?: number;
}

export type TreeResult = { ok: true; criteria: Criterion[] } | { ok: false; errors: SchemeIssue[] };

/** Builds the nested criteria of a scheme from flat rows, rejecting duplicate ids,
 *  unknown parents and cycles (a → b → a). Paths are `[rowIndex].field`. */
export function buildTree(flat: readonly FlatCriterion[]): TreeResult {
  const errors: SchemeIssue[] = [];
  const rowById = new Map<string, number>();
  flat.forEach((row, i) => {
    if (rowById.has(row.id)) errors.push({ path: `[${i}].id`, reason: `编号“${row.id}”重复` });
    else rowById.set(row.id, i);
  });
  flat.forEach((row, i) => {
    if (row.parentId !== null && !rowById.has(row.parentId)) {
      errors.push({ path: `[${i}].parentId`, reason: `上级指标“${row.parentId}”不存在` });
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  // Walk up from every row; a row that meets itself again before reaching a root is in a cycle.
  const reported = new Set<string>();
  flat.forEach((row, i) => {
    const chain: string[] = [row.id];
    const seen = new Set<string>([row.id]);
    let parent = row.parentId;
    while (parent !== null) {
      if (seen.has(parent)) {
        const start = chain.indexOf(parent);
        const cycle = chain.slice(start);
        const key = [...cycle].sort().join('|');
        if (start === 0 && !reported.has(key)) {
          reported.add(key);
          errors.push({ path: `[${i}].parentId`, reason: `上级关系形成循环：${[...cycle, parent].join(' → ')}` });
        }
        break;
      }
      seen.add(parent);
      chain.push(parent);
      parent = flat[rowById.get(parent) ?? -1]?.parentId ?? null;
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const childrenOf = new Map<string | null, number[]>();
  flat.forEach((row, i) => {
    const list = childrenOf.get(row.parentId) ?? [];
    list.push(i);
    childrenOf.set(row.parentId, list);
  });
  const build = (parentId: string | null): Criterion[] =>
    (childrenOf.get(parentId) ?? [])
      .map((i) => ({ i, order: flat[i]?.order ?? Number.POSITIVE_INFINITY }))
      .sort((a, b) => (a.order === b.order ? a.i - b.i : a.order - b.order))
      .map(({ i }) => {
        const row = flat[i] as FlatCriterion;
        const node: Criterion = { id: row.id, name: row.name, points: row.points };
        if (row.note !== undefined) node.note = row.note;
        if (row.rule !== undefined) node.rule = row.rule;
        const children = build(row.id);
        if (children.length > 0) node.children = children;
        return node;
      });
  return { ok: true, criteria: build(null) };
}

/** The leaves of a criteria tree (criteria without children), in order. */
export function leafCriteria(criteria: readonly Criterion[]): Criterion[] {
  return criteria.flatMap((c) => (c.children?.length ? leafCriteria(c.children) : [c]));
}
