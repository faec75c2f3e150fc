// Year-end assessment: shared types, the scheme's leaves and the input editor per rule kind.
import { App, Button, Checkbox, Input, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { api, download, messageOf } from './api';
import { NumberInput } from './forms';
import type { Assessment, Criterion, EntryFile, Rule, SchemeRecord } from './api/types';

/**
 * A scoring leaf as the input editors show it: the scheme's criterion with its points as a number, its rule (manual
 * when the scheme gives none), the group it sits under and whether the platform computes it.
 */
export type Leaf = Omit<Criterion, 'points' | 'rule' | 'children'> & {
  points: number;
  rule: Rule;
  group: string;
  /** Computed from the platform's records, never typed. */
  computed: boolean;
};

export const assessmentStatusLabels: Record<string, string> = {
  self_assessment: '自评中',
  review: '初审中',
  scoring: '审定计算中',
  approved: '已审定',
  published: '已公布',
};

export const assessmentStatusColors: Record<string, string> = {
  self_assessment: 'processing',
  review: 'warning',
  scoring: 'processing',
  approved: 'success',
  published: 'success',
};

/** A unit's self-assessment as the review list shows it (the assessment library's states). */
export const selfStateLabels: Record<string, string> = {
  not_started: '未开始',
  in_progress: '填报中',
  submitted: '已提交',
  returned: '已退回',
  reviewed: '已审核',
};

export const selfStateColors: Record<string, string> = {
  not_started: 'default',
  in_progress: 'processing',
  submitted: 'blue',
  returned: 'error',
  reviewed: 'success',
};

/** A score as the office reads it: two decimals and its unit, or a dash when there is none yet. */
export function scoreText(score: string | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Number(score).toFixed(2)} 分`;
}

/** A leaf's evidence files, each downloadable by whoever may read the unit's entries. */
export function EntryFiles({
  assessmentId,
  unitId,
  files,
}: {
  assessmentId: string;
  unitId: string;
  files: EntryFile[];
}) {
  const { message } = App.useApp();
  if (files.length === 0) return <Typography.Text type="secondary">无佐证材料</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {files.map((f) => (
        <Button
          key={f.sha256}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={() =>
            void download(`/api/assessments/${assessmentId}/units/${unitId}/evidence/${f.sha256}`, f.filename).catch(
              (e: unknown) => message.error(messageOf(e)),
            )
          }
          data-testid={`evidence-file-${f.criterionId}`}
        >
          {f.filename}
        </Button>
      ))}
    </Space>
  );
}

/** Files uploaded for an event or an appeal, each downloaded through the link the API gives. */
export function FileLinks({ files, testId }: { files: EntryFile[]; testId: string }) {
  const { message } = App.useApp();
  if (files.length === 0) return <Typography.Text type="secondary">无佐证材料</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid={testId}>
      {files.map((f) => (
        <Button
          key={f.sha256}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={() => void download(f.href, f.filename).catch((e: unknown) => message.error(messageOf(e)))}
        >
          {f.filename}（{sizeText(f.size)}）
        </Button>
      ))}
    </Space>
  );
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Sends one evidence file to an upload route; the answer lists the files now there for the same purpose. */
export function uploadEvidence(path: string, file: File): Promise<EntryFile[]> {
  const form = new FormData();
  form.append('file', file, file.name);
  // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
  return api<EntryFile[]>(path, { method: 'POST', form });
}

export const subjectKindLabels: Record<string, string> = { county: '县（市、区）', department: '市直单位' };

export function assessmentTitle(a: Assessment): string {
  return `${a.year}年${subjectKindLabels[a.subjectKind] ?? a.subjectKind}年终考评`;
}

export function leavesOf(scheme: SchemeRecord): Leaf[] {
  const out: Leaf[] = [];
  const walk = (nodes: Criterion[], group: string) => {
    for (const n of nodes) {
      if (n.children?.length) walk(n.children, n.name);
      else {
        const source = scheme.inputMap?.[n.id];
        out.push({
          id: n.id,
          name: n.name,
          points: Number(n.points),
          note: n.note,
          group: group || n.name,
          rule: n.rule ?? { kind: 'manual' },
          computed: !!source && source.type !== 'manual',
        });
      }
    }
  };
  walk(scheme.definition.criteria, '');
  return out;
}

const VALUE_KINDS = ['linear', 'threshold', 'ratioToTarget', 'shortfall'];

/** Whether an input carries anything worth saving. */
export function hasInput(leaf: Leaf, input: Record<string, unknown> | undefined): boolean {
  if (!input) return false;
  if (leaf.rule.kind === 'checklist') return Array.isArray(input.satisfied);
  return Object.values(input).some((v) => v !== undefined && v !== null && v !== '');
}

/** A saved input's number as the editor shows it: the text as typed (the engine reads decimal text exactly). */
function num(v: unknown): string | null {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : null;
}

/** A saved input as text. */
export function describeInput(leaf: Leaf, input: Record<string, unknown> | undefined): string {
  if (!input) return '—';
  const kind = leaf.rule.kind;
  if (kind === 'checklist') {
    const ids = (input.satisfied as string[] | undefined) ?? [];
    const names = (leaf.rule.items ?? []).filter((i) => ids.includes(i.id)).map((i) => i.name);
    return names.length ? `已满足：${names.join('、')}` : '均未满足';
  }
  if (kind === 'manual') return `${String(input.score ?? '—')} 分${input.reason ? `（${String(input.reason)}）` : ''}`;
  if (kind === 'rate') return `实际 ${String(input.actual ?? '—')} / 计划 ${String(input.planned ?? '—')}`;
  if (kind === 'perEvent') return `${String(input.count ?? '—')} 次`;
  if ('value' in input) return String(input.value);
  return JSON.stringify(input);
}

/** The input fields of one leaf, by its rule's kind. */
export function LeafInputEditor({
  leaf,
  value,
  onChange,
  disabled,
}: {
  leaf: Leaf;
  value: Record<string, unknown> | undefined;
  onChange: (v: Record<string, unknown>) => void;
  disabled?: boolean;
}) {
  const v = value ?? {};
  const kind = leaf.rule.kind;
  const testid = `input-${leaf.id}`;
  if (kind === 'checklist') {
    return (
      <Checkbox.Group
        disabled={disabled}
        value={(v.satisfied as string[] | undefined) ?? []}
        onChange={(ids) => onChange({ satisfied: ids })}
        options={(leaf.rule.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.points} 分）` }))}
        data-testid={testid}
      />
    );
  }
  if (kind === 'manual') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid={testid}>
        <NumberInput
          disabled={disabled}
          rule={{ min: '0', max: String(leaf.points), unit: '分' }}
          value={num(v.score)}
          onChange={(s) => onChange({ ...v, score: s })}
          suffix={`/ ${leaf.points} 分`}
          width={180}
          ariaLabel="得分"
          testId={`${testid}-score`}
        />
        <Input.TextArea
          disabled={disabled}
          rows={2}
          maxLength={1000}
          placeholder={leaf.rule.guidance ? `评分理由：${leaf.rule.guidance}` : '评分理由'}
          value={(v.reason as string | undefined) ?? ''}
          onChange={(e) => onChange({ ...v, reason: e.target.value })}
          data-testid={`${testid}-reason`}
        />
      </Space>
    );
  }
  if (kind === 'rate') {
    return (
      <Space wrap data-testid={testid}>
        <NumberInput
          disabled={disabled}
          rule={{}}
          value={num(v.actual)}
          onChange={(x) => onChange({ ...v, actual: x })}
          prefix="实际完成"
          testId={`${testid}-actual`}
        />
        <NumberInput
          disabled={disabled}
          rule={{}}
          value={num(v.planned)}
          onChange={(x) => onChange({ ...v, planned: x })}
          prefix="计划"
          testId={`${testid}-planned`}
        />
      </Space>
    );
  }
  if (kind === 'perEvent') {
    return (
      <NumberInput
        disabled={disabled}
        rule={{ min: '0', decimals: 0, unit: '次' }}
        value={num(v.count)}
        onChange={(x) => onChange({ count: x })}
        prefix="次数"
        testId={testid}
      />
    );
  }
  if (VALUE_KINDS.includes(kind)) {
    return (
      <NumberInput
        disabled={disabled}
        rule={{}}
        width={200}
        value={num(v.value)}
        onChange={(x) => onChange({ value: x })}
        prefix="数值"
        testId={testid}
      />
    );
  }
  return <Typography.Text type="secondary">该评分规则（{kind}）暂不支持在线填写</Typography.Text>;
}

/** Field errors of `entries.<i>.…` mapped back to criterion ids. */
export function errorsByCriterion(details: { field: string; reason: string }[], ids: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    const m = /^entries\.([^.]+)(?:\.(.*))?$/.exec(d.field);
    if (!m) continue;
    const key = /^\d+$/.test(m[1]) ? ids[Number(m[1])] : m[1];
    if (!key) continue;
    const label = m[2] === 'input.score' ? '得分' : m[2] === 'input.reason' ? '理由' : m[2] === 'reason' ? '理由' : '';
    out[key] = out[key] ? `${out[key]}；${label}${d.reason}` : `${label}${d.reason}`;
  }
  return out;
}
