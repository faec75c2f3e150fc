// An audit entry's before/after snapshots reduced to what changed, in Chinese.

import type { AuditEntry } from '../api/types';

export type { AuditEntry };

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export const entityLabels: Record<string, string> = {
  plans: '工作方案',
  plan_sections: '任务分组',
  tasks: '任务',
  assignments: '任务分工',
  assignment_liaisons: '分工联络员',
  indicators: '指标',
  targets: '目标值',
  projects: '项目',
  units: '单位',
  contacts: '联系人',
  users: '用户',
  county_tiers: '县区分类',
  reports: '月度报告',
  indicator_values: '指标数据',
  schemes: '考评方案',
  assessments: '年终考评',
  assessment_entries: '考评填报',
  assessment_events: '加减分事项',
  appeals: '申诉',
  bulletins: '季度通报',
  notifications: '邮件通知',
  imports: '导入',
  entry_exceptions: '补报例外',
  calendar_days: '节假日',
};

export const actionLabels: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  purge: '彻底删除',
  resend: '重发',
};

export function actionLabel(action: string): string {
  if (actionLabels[action]) return actionLabels[action];
  if (action.startsWith('import:')) return `导入（${action.slice(7)}）`;
  return action;
}

const fieldLabels: Record<string, string> = {
  title: '名称',
  name: '名称',
  shortName: '简称',
  requirement: '任务要求',
  dueDate: '完成时限',
  milestones: '节点目标',
  status: '状态',
  docNumber: '文号',
  issuingBody: '发文单位',
  issueDate: '印发日期',
  startYear: '开始年度',
  endYear: '结束年度',
  version: '版本',
  code: '编码',
  kind: '类型',
  parentId: '上级单位',
  path: '层级路径',
  aliases: '别名',
  sortOrder: '排序',
  active: '启用',
  role: '角色',
  roles: '角色',
  displayName: '姓名',
  email: '邮箱',
  phone: '电话',
  section: '科室',
  unitId: '单位',
  value: '数值',
  textValue: '目标描述',
  operator: '比较方式',
  definition: '指标体系',
  narrative: '工作进展',
  attempts: '尝试次数',
  lastError: '错误',
};

/** Bookkeeping that changes on every write and says nothing about the change. */
const hidden = new Set(['createdAt', 'updatedAt', 'deletedAt']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function changesOf(e: AuditEntry): FieldChange[] {
  const keys = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})]);
  const out: FieldChange[] = [];
  for (const field of keys) {
    if (hidden.has(field)) continue;
    const before = e.before?.[field];
    const after = e.after?.[field];
    if (e.before && e.after && same(before, after)) continue;
    out.push({ field, label: fieldLabels[field] ?? field, before, after });
  }
  return out;
}

export function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '（空）';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return JSON.stringify(v);
}
