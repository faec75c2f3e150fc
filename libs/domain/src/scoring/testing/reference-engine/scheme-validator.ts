import { ZERO, sum, type Dec } from '../../../decimal.js';
import { DEFAULT_GRADE_BANDS, type CompiledGradeBand } from './grade.js';
import { checkNumber } from './rules/fields.js';
import { compileRule } from './rules/index.js';
import type { BoundRule } from './rules/rule.js';
import { RULE_KINDS, type RuleKind, type Scheme, type SchemeIssue, type SchemeValidation } from '../../types.js';

/** Parameters each rule kind accepts (besides `kind`); anything else is a typo and is rejected. */
const RULE_KEYS: Record<RuleKind, readonly string[]> = {
  rate: ['cap'],
  threshold: ['operator', 'target'],
  checklist: ['items'],
  shortfall: ['target', 'step', 'pointsPerStep', 'partialStepCounts', 'direction'],
  perEvent: ['pointsPerEvent'],
  linear: ['direction', 'floorShare'],
  ratioToTarget: ['target', 'direction'],
  manual: ['guidance'],
  likert: ['weights', 'labels', 'dontKnowInDenominator', 'threshold'],
};

export interface CompiledLeaf {
  index: number;
  id: string;
  name: string;
  level: number;
  parentId: string | null;
  points: Dec;
  rule: BoundRule;
  /** Indexes into `nodes` of the non-leaf criteria above this leaf. */
  ancestors: readonly number[];
}
export interface CompiledNode {
  id: string;
  name: string;
  level: number;
  parentId: string | null;
  points: Dec;
}
export interface CompiledEventItem {
  id: string;
  name: string;
  points: Dec;
  cap: Dec | null;
}
export interface CompiledEventTable {
  cap: Dec | null;
  items: readonly CompiledEventItem[];
  byId: ReadonlyMap<string, CompiledEventItem>;
}
/** The scheme with every number parsed once and every rule bound to its handler. */
export interface CompiledScheme {
  source: Scheme;
  total: Dec;
  nodes: readonly CompiledNode[];
  leaves: readonly CompiledLeaf[];
  leafById: ReadonlyMap<string, CompiledLeaf>;
  bonus: CompiledEventTable;
  penalties: CompiledEventTable;
  vetoItems: ReadonlyMap<string, { id: string; name: string }>;
  grades: readonly CompiledGradeBand[];
  gradeIncludesBonus: boolean;
}

/** The scheme is not valid; `errors` says where and why. */
export class InvalidSchemeError extends Error {
  readonly code = 'VALIDATION' as const;
  constructor(readonly errors: readonly SchemeIssue[]) {
    super(`考评方案无效：${errors.map((e) => `${e.path}：${e.reason}`).join('；')}`);
    this.name = 'InvalidSchemeError';
  }
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

class SchemeReader {
  readonly issues: SchemeIssue[] = [];
  readonly nodes: CompiledNode[] = [];
  readonly leaves: CompiledLeaf[] = [];
  private readonly ids = new Map<string, string>();

  issue(path: string, reason: string): void {
    this.issues.push({ path, reason });
  }

  /** Ids are unique across criteria, bonus, penalty and veto items: an error names one of them. */
  claimId(id: unknown, path: string): id is string {
    if (!nonEmptyString(id)) {
      this.issue(path, '编号必须是非空字符串');
      return false;
    }
    const previous = this.ids.get(id);
    if (previous !== undefined) {
      this.issue(path, `编号“${id}”重复（已用于 ${previous}）`);
      return false;
    }
    this.ids.set(id, path);
    return true;
  }

  /** Reads a list of criteria; returns the sum of their points (null when one is unreadable). */
  criteria(
    list: unknown,
    path: string,
    level: number,
    parentId: string | null,
    ancestors: readonly number[],
  ): Dec | null {
    if (!Array.isArray(list) || list.length === 0) {
      this.issue(path, '必须是非空数组');
      return null;
    }
    const points: (Dec | null)[] = list.map((c: unknown, i) =>
      this.criterion(c, `${path}[${i}]`, level, parentId, ancestors),
    );
    return points.every((p): p is Dec => p !== null) ? sum(points) : null;
  }

  criterion(
    raw: unknown,
    path: string,
    level: number,
    parentId: string | null,
    ancestors: readonly number[],
  ): Dec | null {
    if (!isRecord(raw)) {
      this.issue(path, '必须是对象 {id, name, points, rule | children}');
      return null;
    }
    const idOk = this.claimId(raw['id'], `${path}.id`);
    const id = idOk ? (raw['id'] as string) : `${path}`;
    if (!nonEmptyString(raw['name'])) this.issue(`${path}.name`, '指标名称必须是非空字符串');
    const name = nonEmptyString(raw['name']) ? raw['name'] : id;
    if (raw['note'] !== undefined && typeof raw['note'] !== 'string') this.issue(`${path}.note`, '必须是字符串');
    const points = checkNumber(raw['points'], `${path}.points`, this.issues, {});
    if (points !== null && points.isNegative()) {
      this.issue(`${path}.points`, `分值不能为负数（${points.toFixed()}）`);
    }
    const children = raw['children'];
    const hasChildren = Array.isArray(children) && children.length > 0;
    if (children !== undefined && !Array.isArray(children)) this.issue(`${path}.children`, '必须是数组');

    if (hasChildren) {
      if (raw['rule'] !== undefined) this.issue(`${path}.rule`, '非末级指标不能设置计分规则（规则只放在末级指标上）');
      const nodeIndex = this.nodes.length;
      this.nodes.push({ id, name, level, parentId, points: points ?? ZERO });
      const childSum = this.criteria(children, `${path}.children`, level + 1, id, [...ancestors, nodeIndex]);
      if (childSum !== null && points !== null && !childSum.eq(points)) {
        this.issue(`${path}.children`, `下级指标分值合计 ${childSum.toFixed()} 与本级分值 ${points.toFixed()} 不一致`);
      }
      return points;
    }

    const rule = raw['rule'];
    if (rule === undefined) {
      this.issue(`${path}.rule`, '末级指标缺少计分规则');
      return points;
    }
    if (!isRecord(rule)) {
      this.issue(`${path}.rule`, '计分规则必须是对象 {kind, …}');
      return points;
    }
    const kind = RULE_KINDS.find((k) => k === rule['kind']);
    if (!kind) {
      this.issue(`${path}.rule.kind`, `未知的计分规则类型“${String(rule['kind'])}”，可选：${RULE_KINDS.join('、')}`);
      return points;
    }
    for (const key of Object.keys(rule)) {
      if (key !== 'kind' && !RULE_KEYS[kind].includes(key)) {
        this.issue(`${path}.rule.${key}`, `计分规则 ${kind} 没有参数“${key}”`);
      }
    }
    if (points === null || points.isNegative()) return points;
    const bound = compileRule(kind, rule, points, `${path}.rule`, this.issues);
    if (bound) {
      this.leaves.push({ index: this.leaves.length, id, name, level, parentId, points, rule: bound, ancestors });
    }
    return points;
  }

  eventTable(raw: unknown, path: string): CompiledEventTable {
    const empty: CompiledEventTable = { cap: null, items: [], byId: new Map() };
    if (raw === undefined) return empty;
    if (!isRecord(raw)) {
      this.issue(path, '必须是对象 {cap?, items}');
      return empty;
    }
    const cap = raw['cap'] === undefined ? null : checkNumber(raw['cap'], `${path}.cap`, this.issues, { min: 0 });
    const items: CompiledEventItem[] = [];
    const list = raw['items'];
    if (!Array.isArray(list)) {
      this.issue(`${path}.items`, '必须是数组');
      return empty;
    }
    list.forEach((item: unknown, i) => {
      const itemPath = `${path}.items[${i}]`;
      if (!isRecord(item)) {
        this.issue(itemPath, '必须是对象 {id, name, points, cap?}');
        return;
      }
      const idOk = this.claimId(item['id'], `${itemPath}.id`);
      if (!nonEmptyString(item['name'])) this.issue(`${itemPath}.name`, '名称必须是非空字符串');
      const points = checkNumber(item['points'], `${itemPath}.points`, this.issues, {});
      if (points !== null && points.isNegative())
        this.issue(`${itemPath}.points`, `分值不能为负数（${points.toFixed()}）`);
      const itemCap =
        item['cap'] === undefined ? null : checkNumber(item['cap'], `${itemPath}.cap`, this.issues, { min: 0 });
      if (idOk && nonEmptyString(item['name']) && points !== null && !points.isNegative()) {
        items.push({ id: item['id'] as string, name: item['name'], points, cap: itemCap });
      }
    });
    return { cap, items, byId: new Map(items.map((i) => [i.id, i])) };
  }

  vetoItems(raw: unknown, path: string): Map<string, { id: string; name: string }> {
    const result = new Map<string, { id: string; name: string }>();
    if (raw === undefined) return result;
    if (!Array.isArray(raw)) {
      this.issue(path, '必须是数组');
      return result;
    }
    raw.forEach((item: unknown, i) => {
      if (!isRecord(item)) {
        this.issue(`${path}[${i}]`, '必须是对象 {id, name}');
        return;
      }
      const idOk = this.claimId(item['id'], `${path}[${i}].id`);
      if (!nonEmptyString(item['name'])) this.issue(`${path}[${i}].name`, '名称必须是非空字符串');
      else if (idOk) result.set(item['id'] as string, { id: item['id'] as string, name: item['name'] });
    });
    return result;
  }

  grades(raw: unknown, path: string): CompiledGradeBand[] {
    const list: unknown = raw === undefined ? DEFAULT_GRADE_BANDS : raw;
    if (!Array.isArray(list) || list.length === 0) {
      this.issue(path, '必须是非空数组（从高到低，最后一档不设下限）');
      return [];
    }
    const bands: CompiledGradeBand[] = [];
    list.forEach((band: unknown, i) => {
      const bandPath = `${path}[${i}]`;
      if (!isRecord(band) || !nonEmptyString(band['label'])) {
        this.issue(bandPath, '必须是对象 {label, min?}，label 非空');
        return;
      }
      const last = i === list.length - 1;
      if (last) {
        if (band['min'] !== undefined) this.issue(`${bandPath}.min`, '最后一档不设下限（兜底等次）');
        bands.push({ label: band['label'], min: null });
        return;
      }
      const min = checkNumber(band['min'], `${bandPath}.min`, this.issues);
      if (min === null) return;
      const previous = bands[bands.length - 1];
      if (previous?.min && !min.lt(previous.min)) {
        this.issue(`${bandPath}.min`, `等次下限必须从高到低递减（${previous.min.toFixed()} → ${min.toFixed()}）`);
      }
      bands.push({ label: band['label'], min });
    });
    return bands;
  }
}

function analyse(json: unknown): { issues: SchemeIssue[]; compiled: CompiledScheme | null } {
  const reader = new SchemeReader();
  if (!isRecord(json)) {
    reader.issue('', '考评方案必须是对象');
    return { issues: reader.issues, compiled: null };
  }
  if (!nonEmptyString(json['id'])) reader.issue('id', '方案编号必须是非空字符串');
  if (!nonEmptyString(json['name'])) reader.issue('name', '方案名称必须是非空字符串');
  const total = checkNumber(json['total'], 'total', reader.issues, { above: 0 });
  const rootSum = reader.criteria(json['criteria'], 'criteria', 1, null, []);
  if (total !== null && rootSum !== null && !rootSum.eq(total)) {
    reader.issue('criteria', `一级指标分值合计 ${rootSum.toFixed()} 与方案总分 ${total.toFixed()} 不一致`);
  }
  const bonus = reader.eventTable(json['bonus'], 'bonus');
  const penalties = reader.eventTable(json['penalties'], 'penalties');
  const vetoItems = reader.vetoItems(json['vetoItems'], 'vetoItems');
  const grades = reader.grades(json['grades'], 'grades');
  const gradeIncludesBonus = json['gradeIncludesBonus'];
  if (gradeIncludesBonus !== undefined && typeof gradeIncludesBonus !== 'boolean') {
    reader.issue('gradeIncludesBonus', '必须是布尔值（true/false）');
  }
  if (reader.issues.length > 0 || total === null) return { issues: reader.issues, compiled: null };
  const leaves = reader.leaves;
  return {
    issues: [],
    compiled: {
      source: json as unknown as Scheme,
      total,
      nodes: reader.nodes,
      leaves,
      leafById: new Map(leaves.map((l) => [l.id, l])),
      bonus,
      penalties,
      vetoItems,
      grades,
      gradeIncludesBonus: gradeIncludesBonus !== false,
    },
  };
}

/** Checks a scheme stored as JSON. Every problem is reported with its path and a Chinese reason. */
export function validateScheme(json: unknown): SchemeValidation {
  const { issues, compiled } = analyse(json);
  return compiled ? { ok: true, scheme: compiled.source } : { ok: false, errors: issues };
}

/** Validates and prepares a scheme for evaluation; throws InvalidSchemeError when it is not valid. */
export function compileScheme(json: unknown): CompiledScheme {
  const { issues, compiled } = analyse(json);
  if (!compiled) throw new InvalidSchemeError(issues);
  return compiled;
}
