// Field names as the API reports them (error details, import changes) in the words of the forms and sheets.

/** One map for every form, upload and import preview; an unknown name is never shown raw (see fieldLabel). */
const LABELS: Record<string, string> = {
  file: '文件',
  reason: '修改原因',
  version: '版本',
  mode: '导入方式',
  kind: '导入类型',
  period: '期间',
  year: '年度',
  startYear: '起始年度',
  endYear: '结束年度',
  month: '月份',
  name: '名称',
  title: '名称',
  number: '序号',
  section: '重点任务分组',
  requirement: '任务要求',
  assignments: '牵头/责任单位',
  liaisons: '联络员',
  dueDate: '完成时限',
  milestones: '节点目标',
  expectedPercent: '应完成（%）',
  countyUnitId: '县（市、区）',
  category: '项目类别',
  code: '项目代码',
  content: '建设内容',
  startMonth: '开工时间',
  endMonth: '竣工时间',
  builder: '建设单位',
  totalInvestment: '总投资（万元）',
  annualInvestment: '年度计划投资（万元）',
  annualYear: '计划投资年度',
  responsibleLeader: '责任领导',
  stage: '项目阶段',
  value: '目标值',
  completionPercent: '完成进度（%）',
  received: '本月到位资金（万元）',
  spent: '本月支出（万元）',
  advanceReason: '垫付说明',
  note: '备注',
  subItemId: '子项',
  ownerUnitId: '主管部门',
  items: '子项',
  text: '填写内容',
};

/** Sheet problems as the imports name them: `任务清单!任务要求:12` → 工作表“任务清单”第12行“任务要求”列. */
const CELL = /^(.*)!(.+?)(?::(\d+))?$/;

/** The Chinese name of an API field (a nested `items.0.budget` by its first part); null when there is none to show. */
export function fieldLabel(field: string): string | null {
  const cell = CELL.exec(field);
  if (cell) {
    const [, sheet, column, row] = cell;
    return `${sheet ? `工作表“${sheet}”` : ''}${row ? `第${row}行` : ''}“${column}”列`;
  }
  const label = LABELS[field] ?? LABELS[field.split(/[.[]/)[0] ?? ''];
  if (label) return label;
  // Chinese already (the fund imports name their fields as the sheet does): shown as it is; an English key never.
  return /[\u4e00-\u9fff]/.test(field) ? field : null;
}

/** `名称：必填`, or just the reason when the field has no name to show. */
export function detailText(detail: { field: string; reason: string }, labels: Record<string, string> = {}): string {
  const label = labels[detail.field] ?? fieldLabel(detail.field);
  return label ? `${label}：${detail.reason}` : detail.reason;
}
