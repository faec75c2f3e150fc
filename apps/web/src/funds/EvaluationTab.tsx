import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CalculatorOutlined,
  DownloadOutlined,
  EditOutlined,
  LockOutlined,
  SwapOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, download, messageOf } from '../api';
import { answer, client } from '../api/client';
import { hasInput, LeafInputEditor, type Leaf } from '../assessment';
import { ErrorPage, Loading } from '../components';
import { detailText } from '../field-labels';
import { formatDateTime, formatPercent } from '../format';
import { keys } from '../queries';
import { NarrativeDrawer } from './NarrativeDrawer';
import { evaluationStatusColors, evaluationStatusLabels, MERGED, mergedSpans, sourceLabels, sumMoney } from './types';
import type { EvaluationRow, EvaluatorInput, FundDetail, FundEvaluation, SchemeCriterion } from '../api/types';

interface EvaluatorLeaf extends Leaf {
  path: string;
}

/** The scheme's leaves the evaluator fills (checklists and expert scores), with their 一级/二级 path. */
function evaluatorLeaves(view: FundEvaluation): EvaluatorLeaf[] {
  const out: EvaluatorLeaf[] = [];
  const walk = (nodes: SchemeCriterion[], path: string[]) => {
    for (const n of nodes) {
      if (n.children?.length) {
        walk(n.children, [...path, n.name]);
        continue;
      }
      if ((view.sources[n.id]?.type ?? 'evaluator') !== 'evaluator') continue;
      out.push({
        id: n.id,
        name: n.name,
        points: Number(n.points),
        note: n.note,
        group: path[path.length - 1] ?? n.name,
        path: path.join(' / '),
        rule:
          n.rule?.kind === 'checklist'
            ? { ...n.rule, items: n.rule.items.map((i) => ({ ...i, points: Number(i.points) })) }
            : (n.rule ?? { kind: 'manual' }),
        computed: false,
      });
    }
  };
  walk(view.scheme.criteria, []);
  return out;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * What the API takes for a leaf, by its rule: ticked item ids, a score with its reason, actual and
 * planned (rate), a count (per event), or a value with the target it is judged against.
 */
function toInput(leaf: Leaf, value: Record<string, unknown>): EvaluatorInput {
  switch (leaf.rule.kind) {
    case 'checklist':
      return { satisfied: (value.satisfied as string[] | undefined) ?? [] };
    case 'manual':
      return { score: text(value.score), reason: text(value.reason).trim() };
    case 'rate':
      return { actual: text(value.actual), planned: text(value.planned) };
    case 'perEvent':
      return { count: text(value.count) };
    default:
      return value.target === null || value.target === undefined || value.target === ''
        ? { value: text(value.value) }
        : { value: text(value.value), target: text(value.target) };
  }
}

/** Rules that judge a value against a target the evaluator may restate for this fund. */
const TARGET_KINDS = ['threshold', 'shortfall', 'ratioToTarget'];

/** The scheme's target of a leaf, for the placeholder: what applies when none is entered. */
function schemeTarget(leaf: Leaf): string {
  const rule = leaf.rule;
  if (rule.kind === 'threshold') return `${rule.operator} ${String(rule.target)}`;
  if (rule.kind === 'shortfall' || rule.kind === 'ratioToTarget') return String(rule.target);
  return '';
}

function ValueTargetEditor({
  leaf,
  value,
  onChange,
  disabled,
}: {
  leaf: Leaf;
  value: Record<string, unknown> | undefined;
  onChange: (v: Record<string, unknown>) => void;
  disabled: boolean;
}) {
  const v = value ?? {};
  const num = (x: unknown) => (x === undefined || x === null || x === '' ? null : Number(x));
  return (
    <Space wrap data-testid={`input-${leaf.id}`}>
      <InputNumber
        disabled={disabled}
        style={{ width: 200 }}
        value={num(v.value)}
        onChange={(x) => onChange({ ...v, value: x })}
        prefix="实际值"
        aria-label="实际值"
        data-testid={`input-${leaf.id}-value`}
      />
      <InputNumber
        disabled={disabled}
        style={{ width: 220 }}
        value={num(v.target)}
        onChange={(x) => onChange({ ...v, target: x })}
        prefix="目标值"
        placeholder={schemeTarget(leaf)}
        aria-label="目标值"
        data-testid={`input-${leaf.id}-target`}
      />
      <Typography.Text type="secondary">方案目标：{schemeTarget(leaf) || '—'}</Typography.Text>
    </Space>
  );
}

/**
 * 评价人填写: every leaf the platform does not compute, by its rule — checklists as checkboxes, expert
 * scores with their reason, rates as actual and planned, per-event counts, and value and target for
 * threshold, shortfall and ratio leaves.
 */
function InputsDrawer({
  view,
  open,
  onClose,
  onSaved,
}: {
  view: FundEvaluation;
  open: boolean;
  onClose: () => void;
  onSaved: (v: FundEvaluation) => void;
}) {
  const { message } = App.useApp();
  const leaves = useMemo(() => evaluatorLeaves(view), [view]);
  const [values, setValues] = useState<Record<string, Record<string, unknown>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setProblem(null);
    setValues(
      Object.fromEntries(
        Object.entries(view.evaluatorInputs)
          .filter((e): e is [string, EvaluatorInput] => !!e[1])
          .map(([id, v]) => [id, { ...v }]),
      ),
    );
  }, [open, view]);

  async function save() {
    const inputs = Object.fromEntries(
      leaves.filter((l) => hasInput(l, values[l.id])).map((l) => [l.id, toInput(l, values[l.id]!)]),
    );
    setSaving(true);
    setErrors({});
    setProblem(null);
    try {
      const saved = await answer(
        client.PUT('/api/fund-projects/{id}/evaluation/inputs', {
          params: { path: { id: view.projectId } },
          body: { inputs },
        }),
      );
      message.success('评价数据已保存，点击“计算得分”更新评价结果');
      onSaved(saved);
    } catch (e) {
      const byLeaf: Record<string, string> = {};
      const rest: string[] = [];
      for (const d of e instanceof ApiError ? e.details : []) {
        const id = /^inputs\.([^.]+)/.exec(d.field)?.[1];
        if (id && leaves.some((l) => l.id === id)) byLeaf[id] = byLeaf[id] ? `${byLeaf[id]}；${d.reason}` : d.reason;
        else rest.push(detailText(d));
      }
      setErrors(byLeaf);
      const named = leaves.filter((l) => byLeaf[l.id]).map((l) => `${l.name}：${byLeaf[l.id]}`);
      setProblem([e instanceof ApiError ? e.message : messageOf(e), ...named, ...rest].join('；'));
    } finally {
      setSaving(false);
    }
  }

  let lastPath = '';
  return (
    <Drawer
      title="填写评价数据"
      open={open}
      onClose={onClose}
      size={820}
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="evaluation-inputs-save">
          保存
        </Button>
      }
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          data-testid="evaluation-inputs-error"
        />
      )}
      <Typography.Paragraph type="secondary">
        {'资金到位率、预算执行率、产出和效益指标、满意度由平台数据计算；以下指标由评价人填写：' +
          '清单类勾选已满足的条目，专家评分类填写得分和理由，' +
          '达标、扣分类填写实际值（目标值不填即按评价方案），' +
          '比率类填写实际数和计划数，按次计分类填写次数。'}
      </Typography.Paragraph>
      {leaves.map((leaf) => {
        const heading = leaf.path !== lastPath ? leaf.path : null;
        lastPath = leaf.path;
        return (
          <div key={leaf.id} style={{ marginBottom: 16 }} data-testid={`evaluator-leaf-${leaf.id}`}>
            {heading && (
              <Typography.Title level={5} style={{ marginTop: 8 }}>
                {heading}
              </Typography.Title>
            )}
            <Typography.Text strong>
              {leaf.name}（{leaf.points}分）
            </Typography.Text>
            {leaf.note && <Typography.Text type="secondary"> {leaf.note}</Typography.Text>}
            <div style={{ marginTop: 6 }}>
              {TARGET_KINDS.includes(leaf.rule.kind) ? (
                <ValueTargetEditor
                  leaf={leaf}
                  value={values[leaf.id]}
                  onChange={(v) => setValues((prev) => ({ ...prev, [leaf.id]: v }))}
                  disabled={view.status === 'final'}
                />
              ) : (
                <LeafInputEditor
                  leaf={leaf}
                  value={values[leaf.id]}
                  onChange={(v) => setValues((prev) => ({ ...prev, [leaf.id]: v }))}
                  disabled={view.status === 'final'}
                />
              )}
            </div>
            {errors[leaf.id] && (
              <Typography.Text type="danger" data-testid={`evaluator-error-${leaf.id}`}>
                {errors[leaf.id]}
              </Typography.Text>
            )}
          </div>
        );
      })}
    </Drawer>
  );
}

/** 绩效评价: the score table by 一级/二级/三级 with points, score, score rate and 扣分原因, the total and grade. */
export function EvaluationTab({ fund, canManage }: { fund: FundDetail; canManage: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const evaluation = useQuery({
    queryKey: keys.fundEvaluation(fund.id),
    queryFn: () => answer(client.GET('/api/fund-projects/{id}/evaluation', { params: { path: { id: fund.id } } })),
  });
  // Every change answers with the whole evaluation: it replaces the cached one without a second read.
  const show = (saved: FundEvaluation) => queryClient.setQueryData(keys.fundEvaluation(fund.id), saved);
  const view = evaluation.data;
  const [editing, setEditing] = useState(false);
  const [writing, setWriting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const rows = useMemo(() => view?.rows ?? [], [view]);
  const level1Spans = useMemo(() => mergedSpans(rows, (r) => r.level1), [rows]);
  const level2Spans = useMemo(() => mergedSpans(rows, (r) => `${r.level1}\u0000${r.level2}`), [rows]);

  if (evaluation.error) return <ErrorPage error={evaluation.error} />;
  if (!view) return <Loading />;
  const v = view;
  const final = v.status === 'final';
  const level1Score = (name: string) => sumMoney(rows.filter((r) => r.level1 === name).map((r) => r.score));
  const level1Points = (name: string) => sumMoney(rows.filter((r) => r.level1 === name).map((r) => r.points));

  const params = { path: { id: fund.id } };
  const run = () => answer(client.POST('/api/fund-projects/{id}/evaluation/run', { params }));
  const finalise = (final: boolean) =>
    answer(client.POST('/api/fund-projects/{id}/evaluation/finalise', { params, body: { final } }));
  const moveScheme = (schemeId: string) =>
    answer(client.POST('/api/fund-projects/{id}/evaluation/move-scheme', { params, body: { schemeId } }));

  async function act(key: string, call: () => Promise<FundEvaluation>, done: string) {
    setBusy(key);
    try {
      show(await call());
      message.success(done);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function get(format: 'xlsx' | 'pdf' | 'docx') {
    try {
      await download(`/api/fund-projects/${fund.id}/evaluation/report.${format}`, `${fund.name}绩效评价报告.${format}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span>绩效评价</span>
            <Tag color={evaluationStatusColors[v.status]} data-testid="evaluation-status">
              {evaluationStatusLabels[v.status] ?? v.status}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {canManage && (
              <>
                <Button
                  icon={<EditOutlined />}
                  disabled={final}
                  onClick={() => setEditing(true)}
                  data-testid="evaluation-inputs"
                >
                  填写评价数据
                </Button>
                <Button
                  icon={<EditOutlined />}
                  disabled={final}
                  onClick={() => setWriting(true)}
                  data-testid="evaluation-narrative"
                >
                  撰写评价报告
                </Button>
                <Button
                  icon={<CalculatorOutlined />}
                  disabled={final}
                  loading={busy === 'run'}
                  onClick={() => void act('run', run, '已按最新数据计算得分')}
                  data-testid="evaluation-run"
                >
                  计算得分
                </Button>
                {final ? (
                  <Popconfirm
                    title="撤销定稿后可修改评价数据并重新计算，确定撤销？"
                    onConfirm={() => void act('final', () => finalise(false), '已撤销定稿')}
                    okText="撤销定稿"
                    cancelText="取消"
                  >
                    <Button icon={<UnlockOutlined />} loading={busy === 'final'} data-testid="evaluation-unfinalise">
                      撤销定稿
                    </Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm
                    title="定稿后评价结果锁定，不能再修改或重新计算，确定定稿？"
                    onConfirm={() => void act('final', () => finalise(true), '评价已定稿')}
                    okText="定稿"
                    cancelText="取消"
                  >
                    <Button
                      icon={<LockOutlined />}
                      disabled={!v.complete || v.status === 'none'}
                      loading={busy === 'final'}
                      data-testid="evaluation-finalise"
                    >
                      定稿
                    </Button>
                  </Popconfirm>
                )}
              </>
            )}
            <Button
              icon={<DownloadOutlined />}
              disabled={rows.length === 0}
              onClick={() => void get('xlsx')}
              data-testid="report-xlsx"
            >
              下载得分表 Excel
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={rows.length === 0}
              onClick={() => void get('docx')}
              data-testid="report-docx"
              title="按财预〔2020〕10号参考提纲编排的评价报告，可在 Word 或 WPS 中修改"
            >
              下载报告 Word
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={rows.length === 0}
              onClick={() => void get('pdf')}
              data-testid="report-pdf"
            >
              下载报告 PDF
            </Button>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'scheme',
              label: '评价方案',
              children: (
                <Space wrap size={4}>
                  <span data-testid="evaluation-scheme">
                    {v.schemeName}
                    {v.schemeVersion > 0 && `（第${v.schemeVersion}版）`}
                  </span>
                  {v.newerScheme && canManage && !final && (
                    <Popconfirm
                      title={
                        `更换为第${v.newerScheme.version}版评价方案并重新计算得分？` +
                        '新版本没有或不再适用的评价数据将清除。'
                      }
                      onConfirm={() =>
                        void act(
                          'move',
                          () => moveScheme(v.newerScheme!.id),
                          `已更换为第${v.newerScheme!.version}版评价方案`,
                        )
                      }
                      okText="更换"
                      cancelText="取消"
                    >
                      <Button
                        size="small"
                        icon={<SwapOutlined />}
                        loading={busy === 'move'}
                        data-testid="evaluation-move-scheme"
                      >
                        更换为新版本（第{v.newerScheme.version}版）
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
            { key: 'at', label: '计算时间', children: formatDateTime(v.evaluatedAt) },
            {
              key: 'complete',
              label: '评价数据',
              children: v.complete ? (
                '完整'
              ) : (
                <Typography.Text type="warning">不完整（缺少的指标不计分）</Typography.Text>
              ),
            },
            {
              key: 'total',
              label: '总分',
              children: (
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="evaluation-total">
                  {v.total ?? '—'}
                </Typography.Text>
              ),
            },
            {
              key: 'grade',
              label: '等次',
              children: v.grade ? (
                <Tag color="blue" style={{ fontSize: 14 }} data-testid="evaluation-grade">
                  {v.grade}
                </Tag>
              ) : (
                '—'
              ),
            },
            {
              key: 'bands',
              label: '等次标准',
              children:
                (v.scheme.grades ?? [])
                  .map((g) => (g.min === undefined ? `${g.label}（其余）` : `${g.label} ≥ ${g.min}`))
                  .join('，') || '—',
            },
          ]}
        />
        {final && (
          <Typography.Text type="secondary">评价已定稿：如需修改评价数据或重新计算，请先撤销定稿。</Typography.Text>
        )}
      </Card>
      <Card size="small" title="评分表">
        {rows.length === 0 ? (
          <Empty description={canManage ? '尚未评价：填写评价数据后点击“计算得分”' : '尚未评价'} />
        ) : (
          <Table<EvaluationRow>
            rowKey="criterionId"
            size="small"
            bordered
            pagination={false}
            dataSource={rows}
            scroll={{ x: 1100 }}
            data-testid="evaluation-table"
            onRow={(r) => ({ 'data-criterion': r.criterionId }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '一级指标',
                key: 'l1',
                width: 120,
                onCell: (_, i) => ({ rowSpan: level1Spans[i ?? 0], style: MERGED }),
                render: (_, r) => (
                  <>
                    <div>{r.level1}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {level1Score(r.level1)} / {level1Points(r.level1)} 分
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: '二级指标',
                dataIndex: 'level2',
                width: 120,
                onCell: (_, i) => ({ rowSpan: level2Spans[i ?? 0], style: MERGED }),
              },
              {
                title: '三级指标',
                key: 'l3',
                width: 180,
                render: (_, r) => (
                  <>
                    <div>{r.level3 || r.level2}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {sourceLabels[r.source] ?? r.source}
                    </Typography.Text>
                  </>
                ),
              },
              { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
              {
                title: '得分',
                key: 'score',
                width: 80,
                align: 'right',
                render: (_, r) => r.score ?? <Typography.Text type="warning">缺数据</Typography.Text>,
              },
              { title: '得分率', key: 'rate', width: 90, align: 'right', render: (_, r) => formatPercent(r.scoreRate) },
              {
                title: '扣分原因',
                key: 'reason',
                render: (_, r) =>
                  r.reason || (r.score === null ? '—' : <Typography.Text type="secondary">无扣分</Typography.Text>),
              },
            ]}
            summary={() => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={3}>
                  合计
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {String(v.scheme.total)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {v.total ?? '—'}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {v.total ? formatPercent(((Number(v.total) / Number(v.scheme.total)) * 100).toFixed(2)) : '—'}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6}>等次：{v.grade ?? '—'}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
      {canManage && (
        <InputsDrawer
          view={v}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            show(saved);
          }}
        />
      )}
      {canManage && <NarrativeDrawer view={v} open={writing} onClose={() => setWriting(false)} onSaved={show} />}
    </Space>
  );
}
