import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import type { AppealView, Assessment, EntryFile } from '../api/types';
import { AssessmentHeading, AssessmentSelect, NoAssessment, ScoringProgress } from '../assessment-picker';
import { ErrorPage, Loading } from '../components';
import { formatDateTime } from '../format';
import { keys, useAssessmentsOfPlan, useEntries, useScheme } from '../queries';
import { usePlatformNow } from '../reports/platformClock';
import { unitIdOf, useSession } from '../session';
import { FileLinks, hasInput, LeafInputEditor, leavesOf, type Leaf, scoreText, uploadEvidence } from '../assessment';

const statusLabels: Record<string, string> = { open: '待处理', upheld: '已支持', rejected: '已维持原结果' };
const statusColors: Record<string, string> = { open: 'processing', upheld: 'success', rejected: 'default' };

/** The unit's own published result: total, rank and grade, as the current revision has them. */
function OwnResult({ assessment, unitId }: { assessment: Assessment; unitId: string }) {
  const results = useQuery({
    queryKey: keys.assessmentResults(assessment.id),
    queryFn: () => answer(client.GET('/api/assessments/{id}/results', { params: { path: { id: assessment.id } } })),
  });
  if (results.error) return <ErrorPage error={results.error} />;
  if (!results.data) return <Loading />;
  const own = results.data.results.find((r) => r.unitId === unitId);
  if (!own) return null;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 4 }} bordered data-testid="own-result">
      <Descriptions.Item label="总分">{scoreText(own.total)}</Descriptions.Item>
      <Descriptions.Item label="类别内排名">{own.rank ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="等次">{own.grade ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="结果版本">第 {results.data.assessment.revision} 版</Descriptions.Item>
    </Descriptions>
  );
}

/** The office decides one appeal: 维持 with a reason, or 支持 with the corrected value and a reason. */
function DecideAppeal({
  assessment,
  appeal,
  leaf,
  onDone,
}: {
  assessment: Assessment;
  appeal: AppealView;
  leaf: Leaf | undefined;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const entries = useEntries(assessment.id, appeal.unitId);
  const reviewed = entries.data?.review.find((e) => e.criterionId === appeal.criterionId)?.input;
  const [uphold, setUphold] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [input, setInput] = useState<Record<string, unknown> | undefined>();
  const [error, setError] = useState<string | null>(null);

  async function decide() {
    if (uphold === null) return setError('请选择处理意见');
    if (!reason.trim()) return setError('请填写处理理由');
    const value = input ?? reviewed;
    if (uphold && (!leaf || !hasInput(leaf, value))) return setError('支持申诉须填写更正后的数值');
    try {
      await answer(
        client.POST('/api/assessments/appeals/{id}/decision', {
          params: { path: { id: appeal.id } },
          body: { uphold, reason, ...(uphold ? { input: value } : {}) },
        }),
      );
      message.success(uphold ? '已支持申诉，正在重新计算结果' : '已维持原结果');
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <Modal title="处理申诉" open onCancel={onDone} onOk={() => void decide()} okText="确认处理" destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>申诉理由：{appeal.reason}</Typography.Text>
        <Radio.Group
          value={uphold}
          onChange={(e) => setUphold(e.target.value as boolean)}
          data-testid="appeal-decision"
        >
          <Radio value={false}>维持原结果</Radio>
          <Radio value>支持申诉</Radio>
        </Radio.Group>
        {uphold && leaf && (
          <>
            <Typography.Text type="secondary">更正后的数值（{leaf.name}）</Typography.Text>
            <LeafInputEditor leaf={leaf} value={input ?? reviewed} onChange={setInput} />
          </>
        )}
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder="处理理由（必填），单位将看到"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="appeal-decision-reason"
        />
        {error && (
          <Typography.Text type="danger" data-testid="appeal-decision-error">
            {error}
          </Typography.Text>
        )}
      </Space>
    </Modal>
  );
}

/**
 * 考评申诉: within the window after publication a unit contests one item of its result, with a reason
 * and evidence, and follows its state; the office decides each appeal, and an upheld one shows the
 * result revision it made.
 */
export default function AssessmentAppealsPage() {
  const { plan, user, hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useAssessmentsOfPlan(plan!.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const [criterionId, setCriterionId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<EntryFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<AppealView | null>(null);
  const assessments = list.data ?? [];
  const current =
    assessments.find((a) => a.id === selected) ?? assessments.find((a) => a.status === 'published') ?? assessments[0];
  const scheme = useScheme(current?.schemeId);
  const scope = useQuery({
    queryKey: keys.assessmentScope(current?.id ?? ''),
    queryFn: () => answer(client.GET('/api/assessments/{id}/units', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const appeals = useQuery({
    queryKey: ['assessments', current?.id ?? '', 'appeals'],
    queryFn: () => answer(client.GET('/api/assessments/{id}/appeals', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const office = hasRole('office', 'admin');
  const ownUnit = unitIdOf(user);
  const platformNow = usePlatformNow();

  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;
  if (!current) return <NoAssessment title="考评申诉" />;

  const leaves = scheme.data ? leavesOf(scheme.data) : [];
  const nameOf = new Map((scope.data ?? []).map((u) => [u.id, u.shortName]));
  // A unit files for itself; the office of the city reads and decides.
  const filer = !office && !!ownUnit && (scope.data ?? []).some((u) => u.id === ownUnit);
  const published = current.status === 'published';
  // The window is judged by the platform's clock, as the API judges it (a demo runs on a fixed date).
  const now = platformNow();
  const windowOpen = published && !!current.appealUntil && !!now && Date.parse(current.appealUntil) > Date.parse(now);

  async function attach(file: File) {
    if (!current || !ownUnit) return;
    try {
      const added = await uploadEvidence(`/api/assessments/${current.id}/units/${ownUnit}/appeals/evidence`, file);
      const mine = added.find((f) => f.filename === file.name) ?? added[added.length - 1];
      if (mine) setFiles((fs) => [...fs.filter((f) => f.sha256 !== mine.sha256), mine]);
      message.success(`已上传：${file.name}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function file() {
    if (!current || !ownUnit) return;
    if (!criterionId) return setError('请选择申诉的考评项目');
    if (!reason.trim()) return setError('请填写申诉理由');
    try {
      await answer(
        client.POST('/api/assessments/{id}/appeals', {
          params: { path: { id: current.id } },
          body: { unitId: ownUnit, criterionId, reason, evidence: files.map((f) => f.sha256) },
        }),
      );
      message.success('申诉已提交');
      setFiling(false);
      await queryClient.invalidateQueries({ queryKey: ['assessments', current.id, 'appeals'] });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<AssessmentHeading label="考评申诉" assessment={current} />}
        extra={
          <AssessmentSelect
            assessments={assessments}
            value={current.id}
            onChange={setSelected}
            testId="appeals-assessment-select"
          />
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {office && <ScoringProgress assessment={current} />}
          {published ? (
            <Alert
              type={windowOpen ? 'info' : 'warning'}
              showIcon
              title={`结果已于 ${formatDateTime(current.publishedAt)} 公布，申诉截止 ${formatDateTime(current.appealUntil)}${
                windowOpen ? '' : '，申诉期已过'
              }`}
              data-testid="appeal-window"
            />
          ) : (
            <Alert type="info" showIcon title="结果公布后 5 个工作日内可提出申诉" />
          )}
          {filer && published && <OwnResult assessment={current} unitId={ownUnit} />}
          {filer && (
            <Space>
              <Button
                type="primary"
                disabled={!windowOpen}
                onClick={() => {
                  setCriterionId(undefined);
                  setReason('');
                  setFiles([]);
                  setError(null);
                  setFiling(true);
                }}
                data-testid="new-appeal"
              >
                提出申诉
              </Button>
            </Space>
          )}
          <Table<AppealView>
            rowKey="id"
            size="small"
            loading={appeals.isFetching}
            dataSource={appeals.data ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="appeals"
            locale={{ emptyText: '暂无申诉' }}
            columns={[
              { title: '单位', key: 'unit', width: 100, render: (_, x) => nameOf.get(x.unitId) ?? '—' },
              {
                title: '申诉项目',
                key: 'leaf',
                render: (_, x) => leaves.find((l) => l.id === x.criterionId)?.name ?? x.criterionId,
              },
              { title: '申诉理由', dataIndex: 'reason' },
              {
                title: '佐证材料',
                key: 'files',
                width: 200,
                render: (_, x) => <FileLinks files={x.files} testId={`appeal-files-${x.id}`} />,
              },
              { title: '提出时间', key: 'at', width: 150, render: (_, x) => formatDateTime(x.createdAt) },
              {
                title: '状态',
                key: 'status',
                width: 110,
                render: (_, x) => (
                  <Tag color={statusColors[x.status]} data-testid={`appeal-status-${x.id}`}>
                    {statusLabels[x.status] ?? x.status}
                  </Tag>
                ),
              },
              {
                title: '处理意见',
                key: 'decision',
                width: 220,
                render: (_, x) =>
                  x.status === 'open' ? (
                    '—'
                  ) : (
                    <Space orientation="vertical" size={0} data-testid={`appeal-decision-${x.id}`}>
                      <span>{x.decisionReason}</span>
                      {x.revision !== null && (
                        <Typography.Text type="success">已更正，生成第 {x.revision} 版结果</Typography.Text>
                      )}
                      <Typography.Text type="secondary">{formatDateTime(x.decidedAt)}</Typography.Text>
                    </Space>
                  ),
              },
              ...(office
                ? [
                    {
                      title: '操作',
                      key: 'op',
                      width: 80,
                      render: (_: unknown, x: AppealView) =>
                        x.status === 'open' ? (
                          <Button size="small" onClick={() => setDeciding(x)} data-testid={`decide-${x.id}`}>
                            处理
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Space>
      </Card>
      <Modal
        title="提出申诉"
        open={filing}
        onCancel={() => setFiling(false)}
        onOk={() => void file()}
        okText="提交申诉"
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="申诉的考评项目"
            style={{ width: '100%' }}
            value={criterionId}
            onChange={setCriterionId}
            options={leaves.map((l) => ({ value: l.id, label: `${l.name}（${l.points} 分）` }))}
            virtual={false}
            data-testid="appeal-leaf"
          />
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder="申诉理由（必填）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="appeal-reason"
          />
          <Upload
            showUploadList={false}
            beforeUpload={(f) => {
              void attach(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="appeal-upload">
              上传佐证材料
            </Button>
          </Upload>
          <FileLinks files={files} testId="appeal-new-files" />
          {error && (
            <Typography.Text type="danger" data-testid="appeal-error">
              {error}
            </Typography.Text>
          )}
        </Space>
      </Modal>
      {deciding && (
        <DecideAppeal
          assessment={current}
          appeal={deciding}
          leaf={leaves.find((l) => l.id === deciding.criterionId)}
          onDone={() => {
            setDeciding(null);
            void queryClient.invalidateQueries({ queryKey: ['assessments', current.id] });
            void queryClient.invalidateQueries({ queryKey: keys.assessments() });
          }}
        />
      )}
    </Space>
  );
}
