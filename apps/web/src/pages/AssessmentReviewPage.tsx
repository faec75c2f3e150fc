import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, download, messageOf } from '../api';
import { answer, client } from '../api/client';
import type { Assessment, SelfAssessmentProgress, UnitResult } from '../api/types';
import { AssessmentHeading, AssessmentSelect, NoAssessment, ScoringProgress } from '../assessment-picker';
import { ErrorPage, Loading } from '../components';
import { keys, useAssessmentsOfPlan, useEntries, useScheme } from '../queries';
import { NotMeasurableCard } from '../not-measurable';
import { useSession } from '../session';
import {
  describeInput,
  EntryFiles,
  errorsByCriterion,
  hasInput,
  LeafInputEditor,
  leavesOf,
  type Leaf,
  scoreText,
  selfStateColors,
  selfStateLabels,
  uploadEvidence,
} from '../assessment';

/** A county's tier is '1' … '3'; a department has none (''). */
function tierLabel(tier: string): string {
  const n = Number(tier);
  return n >= 1 && n <= 3 ? `${'一二三'[n - 1]}类县（市、区）` : tier || '—';
}

/** The office reviews one unit: self-assessed values next to the review, accept all or adjust a leaf. */
function UnitReview({
  assessment,
  leaves,
  unitId,
  canReview,
  office,
}: {
  assessment: Assessment;
  leaves: Leaf[];
  unitId: string;
  canReview: boolean;
  office: boolean;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const entries = useEntries(assessment.id, unitId);
  /** The unit's entries here and its explanation once results exist. */
  const reviewed = () => queryClient.invalidateQueries({ queryKey: keys.assessedUnit(assessment.id, unitId) });
  const [adjusting, setAdjusting] = useState<Leaf | null>(null);
  const [input, setInput] = useState<Record<string, unknown>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  if (entries.error) return <ErrorPage error={entries.error} />;
  if (!entries.data) return <Loading />;
  const self = new Map(entries.data.self.map((e) => [e.criterionId, e]));
  const review = new Map(entries.data.review.map((e) => [e.criterionId, e]));
  const files = entries.data.files;
  const submission = entries.data.submission;
  const canReturn = assessment.status === 'self_assessment' && submission?.status === 'submitted';

  async function giveBack() {
    if (!returnReason.trim()) {
      message.warning('请填写退回原因');
      return;
    }
    try {
      await answer(
        client.POST('/api/assessments/{id}/units/{unitId}/self/return', {
          params: { path: { id: assessment.id, unitId } },
          body: { reason: returnReason },
        }),
      );
      message.success('已退回');
      setReturning(false);
      await reviewed();
      await queryClient.invalidateQueries({ queryKey: keys.assessmentProgress(assessment.id) });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function accept() {
    try {
      await answer(
        client.PUT('/api/assessments/{id}/units/{unitId}/review', {
          params: { path: { id: assessment.id, unitId } },
          body: { acceptSelf: true },
        }),
      );
      message.success('已认可自评');
      await reviewed();
      await queryClient.invalidateQueries({ queryKey: keys.assessmentProgress(assessment.id) });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  /** The office's own evidence for the leaf it adjusts (a verification record, a document it obtained). */
  async function attach(file: File) {
    if (!adjusting) return;
    try {
      await uploadEvidence(
        `/api/assessments/${assessment.id}/units/${unitId}/review/${encodeURIComponent(adjusting.id)}/evidence`,
        file,
      );
      message.success(`已上传：${file.name}`);
      await reviewed();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function adjust() {
    if (!adjusting) return;
    if (!reason.trim()) {
      setError('请填写调整理由');
      return;
    }
    try {
      await answer(
        client.PUT('/api/assessments/{id}/units/{unitId}/review', {
          params: { path: { id: assessment.id, unitId } },
          body: { entries: [{ criterionId: adjusting.id, input, reason }] },
        }),
      );
      message.success('已调整');
      setAdjusting(null);
      await reviewed();
      await queryClient.invalidateQueries({ queryKey: keys.assessmentProgress(assessment.id) });
    } catch (e) {
      const byLeaf = e instanceof ApiError ? errorsByCriterion(e.details, [adjusting.id]) : {};
      setError(byLeaf[adjusting.id] ?? messageOf(e));
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          type="primary"
          disabled={!canReview || entries.data.self.length === 0}
          onClick={() => void accept()}
          data-testid="accept-self"
        >
          认可自评
        </Button>
        {!canReview && (
          <Typography.Text type="secondary">
            {assessment.status === 'self_assessment' ? '自评阶段：结束自评后方可初审' : '考评已审定'}
          </Typography.Text>
        )}
        {office && canReturn && (
          <Button danger onClick={() => setReturning(true)} data-testid="return-self">
            退回自评
          </Button>
        )}
      </Space>
      <Table<Leaf>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={leaves}
        data-testid="unit-review"
        columns={[
          { title: '指标', key: 'name', render: (_, l) => `${l.name}（${l.points} 分）` },
          {
            title: '自评',
            key: 'self',
            width: 200,
            render: (_, l) =>
              l.computed ? (
                <Typography.Text type="secondary">由平台数据计算</Typography.Text>
              ) : (
                describeInput(l, self.get(l.id)?.input)
              ),
          },
          {
            title: '初审',
            key: 'review',
            width: 220,
            render: (_, l) => {
              if (l.computed) return '—';
              const r = review.get(l.id);
              return r ? (
                <Space orientation="vertical" size={0}>
                  <span>{describeInput(l, r.input)}</span>
                  {r.reason && <Typography.Text type="secondary">理由：{r.reason}</Typography.Text>}
                </Space>
              ) : (
                <Typography.Text type="secondary">未初审</Typography.Text>
              );
            },
          },
          {
            title: '佐证材料',
            key: 'evidence',
            width: 200,
            render: (_, l) =>
              l.computed ? (
                '—'
              ) : (
                <EntryFiles
                  assessmentId={assessment.id}
                  unitId={unitId}
                  files={files.filter((f) => f.criterionId === l.id)}
                />
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_, l) =>
              l.computed ? null : (
                <Button
                  size="small"
                  disabled={!canReview}
                  onClick={() => {
                    setAdjusting(l);
                    setInput(review.get(l.id)?.input ?? self.get(l.id)?.input ?? {});
                    setReason('');
                    setError(null);
                  }}
                  data-testid={`adjust-${l.id}`}
                >
                  调整
                </Button>
              ),
          },
        ]}
      />
      <Modal
        title="退回自评"
        open={returning}
        onCancel={() => setReturning(false)}
        onOk={() => void giveBack()}
        okText="确认退回"
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder="退回原因（必填），单位联络员将看到"
          value={returnReason}
          onChange={(e) => setReturnReason(e.target.value)}
          data-testid="return-reason"
        />
      </Modal>
      <Modal
        title={adjusting ? `调整：${adjusting.name}` : ''}
        open={!!adjusting}
        onCancel={() => setAdjusting(null)}
        onOk={() => void adjust()}
        okText="确认调整"
        destroyOnHidden
      >
        {adjusting && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <LeafInputEditor leaf={adjusting} value={input} onChange={setInput} />
            <Space wrap>
              <EntryFiles
                assessmentId={assessment.id}
                unitId={unitId}
                files={files.filter((f) => f.criterionId === adjusting.id)}
              />
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  void attach(file);
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} data-testid="review-upload">
                  上传初审佐证
                </Button>
              </Upload>
            </Space>
            <Input.TextArea
              rows={2}
              placeholder="调整理由（必填）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="adjust-reason"
            />
            {error && (
              <Typography.Text type="danger" data-testid="adjust-error">
                {error}
              </Typography.Text>
            )}
            {!hasInput(adjusting, input) && <Typography.Text type="secondary">请填写调整后的数值</Typography.Text>}
          </Space>
        )}
      </Modal>
    </>
  );
}

function ExplanationView({ assessmentId, unitId }: { assessmentId: string; unitId: string }) {
  const e = useQuery({
    queryKey: keys.explanation(assessmentId, unitId),
    queryFn: () =>
      answer(
        client.GET('/api/assessments/{id}/units/{unitId}/explanation', {
          params: { path: { id: assessmentId, unitId } },
        }),
      ),
  });
  if (e.error) return <ErrorPage error={e.error} />;
  if (!e.data) return <Loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text data-testid="explanation-total">
        总分 {e.data.total}，等次 {e.data.grade ?? '—'}，排名 {e.data.rank ?? '—'}
      </Typography.Text>
      <Table
        rowKey="criterionId"
        size="small"
        pagination={false}
        dataSource={e.data.leaves}
        scroll={{ x: 700 }}
        data-testid="explanation"
        columns={[
          { title: '指标', key: 'name', render: (_, l) => l.name },
          { title: '得分', key: 'score', width: 90, render: (_, l) => `${l.score ?? '—'} / ${l.points}` },
          { title: '同类平均', key: 'avg', width: 80, render: (_, l) => l.tier.average },
          { title: '同类最高', key: 'best', width: 80, render: (_, l) => l.tier.best },
          {
            title: '同类排名',
            key: 'rank',
            width: 80,
            render: (_, l) => (l.tier.rankInTier === null ? '—' : `${l.tier.rankInTier}/${l.tier.units}`),
          },
          {
            title: '计分说明',
            key: 'explanation',
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                {l.note && (
                  <Typography.Text strong data-testid={`explanation-note-${l.criterionId}`}>
                    {l.note}
                  </Typography.Text>
                )}
                <span>{l.explanation.steps.length ? l.explanation.steps.join('；') : '—'}</span>
              </Space>
            ),
          },
          {
            title: '佐证材料',
            key: 'files',
            width: 180,
            render: (_, l) => <EntryFiles assessmentId={assessmentId} unitId={unitId} files={l.files} />,
          },
        ]}
      />
    </Space>
  );
}

/** 年终考评 for the office and the leadership: review per unit, 审定, 公布, results with explanations. */
export default function AssessmentReviewPage() {
  const { plan, hasRole } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const list = useAssessmentsOfPlan(plan!.id);
  // A notice's link opens the assessment, and the unit's review, it is about.
  const [search] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(search.get('assessment'));
  const [unitId, setUnitId] = useState<string | null>(search.get('unit'));
  const [explainId, setExplainId] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const assessments = list.data ?? [];
  const current =
    assessments.find((a) => a.id === selected) ??
    assessments.find((a) => a.subjectKind === 'department') ??
    assessments[0];
  const scope = useQuery({
    queryKey: keys.assessmentScope(current?.id ?? ''),
    queryFn: () => answer(client.GET('/api/assessments/{id}/units', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const progress = useQuery({
    queryKey: keys.assessmentProgress(current?.id ?? ''),
    queryFn: () =>
      answer(client.GET('/api/assessments/{id}/progress', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const scheme = useScheme(current?.schemeId);
  const decided = current?.status === 'approved' || current?.status === 'published';
  const results = useQuery({
    queryKey: keys.assessmentResults(current?.id ?? ''),
    queryFn: () => answer(client.GET('/api/assessments/{id}/results', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current && decided,
  });
  const office = hasRole('office', 'admin');
  const leader = hasRole('leader', 'admin');

  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;
  if (!current) return <NoAssessment title="年终考评" />;

  const units = scope.data ?? [];
  const nameOf = new Map(units.map((u) => [u.id, u.shortName]));
  const rows = progress.data ?? [];
  const progressOf = new Map(rows.map((p) => [p.unitId, p]));
  const stateTag = (p: SelfAssessmentProgress | undefined) =>
    p ? (
      <Tag color={selfStateColors[p.state]} data-testid={`self-state-${p.shortName}`}>
        {selfStateLabels[p.state] ?? p.state}
      </Tag>
    ) : (
      '—'
    );
  const scoreColumns = [
    {
      title: '自评状态',
      key: 'state',
      width: 100,
      render: (_: unknown, r: { unitId: string }) => stateTag(progressOf.get(r.unitId)),
    },
    {
      title: '自评得分',
      key: 'selfScore',
      width: 100,
      render: (_: unknown, r: { unitId: string }) => scoreText(progressOf.get(r.unitId)?.selfScore),
    },
    {
      title: '初审得分',
      key: 'reviewedScore',
      width: 100,
      render: (_: unknown, r: { unitId: string }) => scoreText(progressOf.get(r.unitId)?.reviewedScore),
    },
  ];
  const leaves = scheme.data ? leavesOf(scheme.data) : [];

  const params = { path: { id: current.id } };

  async function act(step: () => Promise<unknown>, done: string) {
    setConflict(null);
    try {
      await step();
      message.success(done);
      // A step changes the assessment's status for every page and, once approved, makes its results.
      await queryClient.invalidateQueries({ queryKey: keys.assessments() });
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 409) setConflict(e.message);
      message.error(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<AssessmentHeading label="年终考评" assessment={current} tagTestId="assessment-status" />}
        extra={
          <AssessmentSelect
            assessments={assessments}
            value={current.id}
            onChange={(v) => {
              setSelected(v);
              setConflict(null);
            }}
            testId="assessment-select"
          />
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {office && (
            <Popconfirm
              title="结束自评后各单位不能再修改，确定转入初审？"
              onConfirm={() =>
                void act(() => answer(client.POST('/api/assessments/{id}/review', { params })), '已转入初审')
              }
              okText="确定"
              cancelText="取消"
            >
              <Button disabled={current.status !== 'self_assessment'} data-testid="start-review">
                结束自评转入初审
              </Button>
            </Popconfirm>
          )}
          {leader && (
            <Button
              type="primary"
              disabled={current.status !== 'review'}
              onClick={() =>
                void act(
                  () => answer(client.POST('/api/assessments/{id}/approve', { params })),
                  '已审定，正在计算考评结果',
                )
              }
              data-testid="approve"
            >
              审定
            </Button>
          )}
          {office && (
            <Popconfirm
              title="公布后全市可见，并开放 5 个工作日申诉期。确定公布？"
              onConfirm={() =>
                void act(() => answer(client.POST('/api/assessments/{id}/publish', { params })), '已公布')
              }
              okText="公布"
              cancelText="取消"
            >
              <Button disabled={current.status !== 'approved'} data-testid="publish">
                公布
              </Button>
            </Popconfirm>
          )}
          {decided && (
            <Button
              icon={<DownloadOutlined />}
              title="按党政机关公文格式排版，可在 Word 或 WPS 中填写文号、日期并盖章后印发"
              onClick={() =>
                void download(
                  `/api/assessments/${current.id}/notice.docx`,
                  `${current.year}年度考评结果通报.docx`,
                ).catch((e: unknown) => message.error(messageOf(e)))
              }
              data-testid="notice-docx"
            >
              下载结果通报（Word）
            </Button>
          )}
        </Space>
        {(office || leader) && <ScoringProgress assessment={current} />}
        {conflict && (
          <Alert
            type="error"
            showIcon
            title={conflict}
            style={{ marginBottom: 12 }}
            data-testid="assessment-conflict"
            closable
            onClose={() => setConflict(null)}
          />
        )}
        {decided ? (
          results.error ? (
            <ErrorPage error={results.error} />
          ) : (
            <Table<UnitResult>
              rowKey="unitId"
              size="small"
              loading={results.isFetching}
              dataSource={[...(results.data?.results ?? [])].sort(
                (a, b) => a.tier.localeCompare(b.tier) || (a.rank ?? 999) - (b.rank ?? 999),
              )}
              pagination={false}
              scroll={{ x: 700 }}
              data-testid="assessment-results"
              onRow={(r) => ({ onClick: () => setExplainId(r.unitId), style: { cursor: 'pointer' } })}
              columns={[
                { title: '排名', key: 'rank', width: 70, render: (_, r) => r.rank ?? '—' },
                { title: '单位', key: 'unit', render: (_, r) => nameOf.get(r.unitId) ?? r.unitId },
                ...(current.subjectKind === 'county'
                  ? [
                      {
                        title: '类别',
                        key: 'tier',
                        width: 140,
                        render: (_: unknown, r: UnitResult) => tierLabel(r.tier),
                      },
                    ]
                  : []),
                ...scoreColumns,
                { title: '审定总分', key: 'total', width: 100, render: (_, r) => scoreText(r.total) },
                { title: '等次', key: 'grade', width: 80, render: (_, r) => r.grade ?? '—' },
                {
                  title: '表扬/约谈',
                  key: 'flags',
                  width: 110,
                  render: (_, r) => (
                    <>
                      {r.commended && <Tag color="success">表扬</Tag>}
                      {r.admonished && <Tag color="error">约谈</Tag>}
                      {!r.commended && !r.admonished && '—'}
                    </>
                  ),
                },
              ]}
            />
          )
        ) : (
          <Table<SelfAssessmentProgress>
            rowKey="unitId"
            size="small"
            loading={progress.isFetching}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 700 }}
            data-testid="assessment-units"
            columns={[
              { title: '单位', dataIndex: 'shortName' },
              ...(current.subjectKind === 'county'
                ? [
                    {
                      title: '类别',
                      key: 'tier',
                      width: 120,
                      render: (_: unknown, u: SelfAssessmentProgress) => tierLabel(u.tier),
                    },
                  ]
                : []),
              ...scoreColumns,
              {
                title: '操作',
                key: 'op',
                width: 100,
                render: (_, r) => (
                  <Button size="small" onClick={() => setUnitId(r.unitId)} data-testid={`open-unit-${r.shortName}`}>
                    {office ? '初审' : '查看'}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      {(office || leader) && <NotMeasurableCard assessment={current} leaves={leaves} units={units} office={office} />}
      <Drawer
        title={unitId ? `${nameOf.get(unitId) ?? ''} 自评与初审` : ''}
        open={!!unitId}
        size={screens.md ? 860 : '100%'}
        onClose={() => setUnitId(null)}
        destroyOnHidden
      >
        {unitId &&
          (scheme.data ? (
            <UnitReview
              assessment={current}
              leaves={leaves}
              unitId={unitId}
              canReview={office && current.status === 'review'}
              office={office}
            />
          ) : (
            <Loading />
          ))}
      </Drawer>
      <Drawer
        title={explainId ? `${nameOf.get(explainId) ?? ''} 得分说明` : ''}
        open={!!explainId}
        size={screens.md ? 860 : '100%'}
        onClose={() => setExplainId(null)}
        destroyOnHidden
      >
        {explainId && <ExplanationView assessmentId={current.id} unitId={explainId} />}
      </Drawer>
    </Space>
  );
}
