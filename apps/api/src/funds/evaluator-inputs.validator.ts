import { ValidateBy, type ValidationOptions } from 'class-validator';

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;
const MAX_LEAVES = 200;

type Shape = { keys: readonly string[]; optional?: readonly string[] };

/** The input kinds the engine takes from an evaluator, by the fields each carries. */
const SHAPES: readonly Shape[] = [
  { keys: ['satisfied'] },
  { keys: ['score', 'reason'] },
  { keys: ['value'], optional: ['target'] },
  { keys: ['actual', 'planned'] },
  { keys: ['count'] },
];

const FIELD_LABELS: Record<string, string> = {
  score: '得分',
  value: '实际值',
  target: '目标值',
  actual: '实际数',
  planned: '计划数',
  count: '次数',
};

function isNumeric(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL.test(v.trim()));
}

/** Why one leaf's input is malformed, or null. Which kind a leaf takes is the scheme's to say, later. */
function problemOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return '必须是对象';
  const keys = Object.keys(input);
  const shape = SHAPES.find(
    (s) => s.keys.every((k) => keys.includes(k)) && keys.every((k) => s.keys.includes(k) || s.optional?.includes(k)),
  );
  if (!shape)
    return (
      '须为 {satisfied} 清单、{score, reason} 专家评分、{value, target} 实际值与目标值、' +
      '{actual, planned} 实际数与计划数或 {count} 次数之一'
    );
  const record = input as Record<string, unknown>;
  if ('satisfied' in record) {
    const ids = record['satisfied'];
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string' && id.length <= 64)
      ? null
      : '清单条目须为条目编号数组';
  }
  if ('reason' in record && (typeof record['reason'] !== 'string' || record['reason'].length > 1000))
    return '评分理由须为文本（不超过1000字）';
  const bad = Object.keys(FIELD_LABELS).filter((k) => k in record && record[k] !== undefined && !isNumeric(record[k]));
  return bad.length ? `${bad.map((k) => FIELD_LABELS[k]).join('、')}须为数字` : null;
}

/** Each malformed leaf input as `<leaf>：<why>`, in the order given. */
export function evaluatorInputProblems(inputs: unknown): string[] {
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
    return ['须为“末级指标 → 评价输入”的对象'];
  const entries = Object.entries(inputs);
  if (entries.length > MAX_LEAVES) return [`一次最多填写 ${MAX_LEAVES} 个指标`];
  return entries.flatMap(([id, input]) => {
    const problem = problemOf(input);
    return problem ? [`${id}：${problem}`] : [];
  });
}

/** A record of leaf id → evaluator input of one of the engine's kinds; the message (Chinese) names each bad leaf. */
export function IsEvaluatorInputs(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEvaluatorInputs',
      validator: {
        validate: (value: unknown) => evaluatorInputProblems(value).length === 0,
        defaultMessage: (args) => evaluatorInputProblems(args?.value).join('；'),
      },
    },
    options,
  );
}
