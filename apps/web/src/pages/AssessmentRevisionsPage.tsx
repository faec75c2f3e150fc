import { useState } from 'react';
import { Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { answer, client } from '../api/client';
import type { components } from '../api/schema';
import { AssessmentHeading, AssessmentSelect, NoAssessment } from '../assessment-picker';
import { ErrorPage, Loading } from '../components';
import { formatDateTime } from '../format';
import { keys, useAssessmentsOfPlan, useScheme } from '../queries';
import { useSession } from '../session';
import { describeInput, type Leaf, leavesOf } from '../assessment';

type Schemas = components['schemas'];
type RevisionSummary = Schemas['RevisionSummary'];
type UnitChange = Schemas['UnitChange'];
type LeafChange = Schemas['LeafChange'];
type LeafInput = NonNullable<Schemas['InputChange']['before']>;

const kindLabels: Record<string, string> = { approval: '审定', appeal: '申诉更正' };

function tierLabel(tier: string): string {
  const n = Number(tier);
  return n >= 1 && n <= 3 ? `${'一二三'[n - 1]}类` : tier || '—';
}

/** A frozen input as the office reads it: by the leaf's rule, or the reason it was not measured. */
function inputText(leaf: Leaf | undefined, input: LeafInput | null): string {
  if (input === null) return '—';
  if ('notMeasurable' in input) return input.reason ?? '不可单独统计';
  const fields: Record<string, unknown> = { ...input };
  // Statistics come back as PostgreSQL numeric text with six decimals.
  if (typeof fields.value === 'string' && /^-?\d+\.\d+$/.test(fields.value))
    fields.value = fields.value.replace(/\.?0+$/, '');
  return leaf ? describeInput(leaf, fields) : JSON.stringify(fields);
}

function arrow<T>(before: T | null, after: T | null, text: (v: T | null) => string = (v) => String(v ?? '—')): string {
  return before === after ? text(after) : `${text(before)} → ${text(after)}`;
}

const score = (v: string | null) => (v === null ? '—' : Number(v).toFixed(2));
const flag = (v: boolean | null) => (v === null ? '不评' : v ? '是' : '否');

function LeafLines({ leaves, leafById }: { leaves: LeafChange[]; leafById: Map<string, Leaf> }) {
  if (leaves.length === 0) return <Typography.Text type="secondary">输入未变，名次或表扬随他单位变化</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {leaves.map((l) => {
        const leaf = leafById.get(l.criterionId);
        const before = inputText(leaf, l.input.before);
        const after = inputText(leaf, l.input.after);
        const input = before === after ? `输入未变（${after}）` : `${before} → ${after}`;
        return (
          <span key={l.criterionId} data-testid={`diff-leaf-${l.criterionId}`}>
            <Typography.Text strong>{l.name}</Typography.Text>：{input}；得分{' '}
            {arrow(l.score.before, l.score.after, score)}
          </span>
        );
      })}
    </Space>
  );
}

/** What one revision changed against another, unit by unit. */
function RevisionDiffView({
  assessmentId,
  from,
  to,
  unitName,
  leafById,
}: {
  assessmentId: string;
  from: number;
  to: number;
  unitName: Map<string, string>;
  leafById: Map<string, Leaf>;
}) {
  const diff = useQuery({
    queryKey: [...keys.assessmentResults(assessmentId), 'diff', from, to],
    queryFn: () =>
      answer(
        client.GET('/api/assessments/{id}/revisions/{revision}/diff', {
          params: { path: { id: assessmentId, revision: to }, query: { against: from } },
        }),
      ),
  });
  if (diff.error) return <ErrorPage error={diff.error} />;
  if (!diff.data) return <Loading />;
  const units = diff.data.units;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text data-testid="diff-summary">
        第 {diff.data.from} 版 → 第 {diff.data.to} 版：
        {units.length ? `${units.length} 个单位有变化` : '各单位均无变化'}
      </Typography.Text>
      <Table<UnitChange>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={units}
        scroll={{ x: 900 }}
        data-testid="revision-diff"
        columns={[
          { title: '单位', key: 'unit', width: 140, render: (_, u) => unitName.get(u.unitId) ?? u.unitId },
          { title: '类别', key: 'tier', width: 60, render: (_, u) => tierLabel(u.tier) },
          { title: '总分', key: 'total', width: 140, render: (_, u) => arrow(u.total.before, u.total.after, score) },
          { title: '排名', key: 'rank', width: 90, render: (_, u) => arrow(u.rank.before, u.rank.after) },
          { title: '等次', key: 'grade', width: 90, render: (_, u) => arrow(u.grade.before, u.grade.after) },
          {
            title: '表扬 / 约谈',
            key: 'flags',
            width: 150,
            render: (_, u) => (
              <Space orientation="vertical" size={0}>
                <span>表扬：{arrow(u.commended.before, u.commended.after, flag)}</span>
                <span>约谈：{arrow(u.admonished.before, u.admonished.after, flag)}</span>
              </Space>
            ),
          },
          {
            title: '变化的指标（输入与得分）',
            key: 'leaves',
            render: (_, u) => <LeafLines leaves={u.leaves} leafById={leafById} />,
          },
        ]}
      />
    </Space>
  );
}

/**
 * 考评版本: every revision of an assessment's results (审定, 申诉更正) with who made it, when and why, and what one
 * changed against another, per unit: total, rank, grade, commendation, admonition and the inputs behind them.
 */
export default function AssessmentRevisionsPage() {
  const { plan } = useSession();
  const list = useAssessmentsOfPlan(plan!.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const assessments = list.data ?? [];
  const current =
    assessments.find((a) => a.id === selected) ?? assessments.find((a) => a.subjectKind === 'county') ?? assessments[0];
  const revisions = useQuery({
    queryKey: [...keys.assessmentResults(current?.id ?? ''), 'revisions'],
    queryFn: () =>
      answer(client.GET('/api/assessments/{id}/revisions', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const scope = useQuery({
    queryKey: keys.assessmentScope(current?.id ?? ''),
    queryFn: () => answer(client.GET('/api/assessments/{id}/units', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const scheme = useScheme(current?.schemeId);

  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;
  if (!current) return <NoAssessment title="考评版本" />;
  if (revisions.error) return <ErrorPage error={revisions.error} />;

  const rows: RevisionSummary[] = revisions.data ?? [];
  const numbers = rows.map((r) => r.revision);
  const latest = numbers.at(-1);
  const shown =
    pair && numbers.includes(pair.from) && numbers.includes(pair.to)
      ? pair
      : numbers.length >= 2
        ? { from: numbers.at(-2)!, to: latest! }
        : null;
  const unitName = new Map((scope.data ?? []).map((u) => [u.id, u.shortName]));
  const leafById = new Map((scheme.data ? leavesOf(scheme.data) : []).map((l) => [l.id, l]));
  const options = numbers.map((n) => ({ value: n, label: `第 ${n} 版` }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<AssessmentHeading label="考评版本" assessment={current} tagTestId="revisions-status" />}
        extra={
          <AssessmentSelect
            assessments={assessments}
            value={current.id}
            onChange={(v) => {
              setSelected(v);
              setPair(null);
            }}
            testId="revisions-assessment"
          />
        }
      >
        <Typography.Paragraph type="secondary">
          每次审定和支持申诉都形成一个版本，冻结当时的全部输入和结果；
          {'审定后修改统计数据不影响已审定结果，须重新打开考评并再次审定。'}
        </Typography.Paragraph>
        <Table<RevisionSummary>
          rowKey="revision"
          size="small"
          pagination={false}
          loading={revisions.isFetching}
          dataSource={rows}
          locale={{ emptyText: '尚未审定，暂无版本' }}
          data-testid="revisions"
          columns={[
            { title: '版本', key: 'revision', width: 80, render: (_, r) => `第 ${r.revision} 版` },
            { title: '类型', key: 'kind', width: 90, render: (_, r) => kindLabels[r.kind] ?? r.kind },
            { title: '时间', key: 'at', width: 170, render: (_, r) => formatDateTime(r.at) },
            { title: '操作人', dataIndex: 'createdByName', width: 180 },
            { title: '原因', key: 'reason', render: (_, r) => r.reason || '—' },
          ]}
        />
      </Card>
      <Card
        title="版本比较"
        extra={
          shown && (
            <Space>
              <Select
                value={shown.from}
                style={{ width: 110 }}
                options={options}
                onChange={(from) => setPair({ from, to: shown.to })}
                data-testid="diff-from"
              />
              →
              <Select
                value={shown.to}
                style={{ width: 110 }}
                options={options}
                onChange={(to) => setPair({ from: shown.from, to })}
                data-testid="diff-to"
              />
            </Space>
          )
        }
      >
        {shown ? (
          shown.from === shown.to ? (
            <Typography.Text type="secondary">请选择两个不同的版本</Typography.Text>
          ) : (
            <RevisionDiffView
              assessmentId={current.id}
              from={shown.from}
              to={shown.to}
              unitName={unitName}
              leafById={leafById}
            />
          )
        ) : (
          <Empty description="至少有两个版本时才能比较" />
        )}
      </Card>
    </Space>
  );
}
