import { useEffect, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, messageOf } from '../api';
import { answer, client } from '../api/client';
import type { Assessment, AssessmentEntry, EntryFile } from '../api/types';
import { ErrorPage, Loading } from '../components';
import { formatDateTime } from '../format';
import { keys, useAssessmentsOfPlan, useEntries, useScheme } from '../queries';
import { unitIdOf, useSession } from '../session';
import { useUnit } from '../units';
import {
  assessmentStatusColors,
  assessmentStatusLabels,
  assessmentTitle,
  describeInput,
  EntryFiles,
  errorsByCriterion,
  hasInput,
  LeafInputEditor,
  leavesOf,
} from '../assessment';
import { describeRule } from '../schemes/describe';

interface Draft {
  input: Record<string, unknown>;
  reason: string;
}

/** 年终考评 for a unit's liaison: the plan's assessments and the unit's self-assessment. */
export default function AssessmentSelfPage() {
  const { plan, user } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useAssessmentsOfPlan(plan!.id);
  const unitId = unitIdOf(user);
  const unit = useUnit(unitId);
  // A notice's link opens the assessment it is about.
  const [search] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(search.get('assessment'));
  const assessments = list.data ?? [];
  const fallback =
    assessments.find((a) => (unit.data?.kind === 'county' ? a.subjectKind === 'county' : a.subjectKind !== 'county')) ??
    assessments[0];
  const current = assessments.find((a) => a.id === selected) ?? (unit.isLoading ? undefined : fallback);

  const scheme = useScheme(current?.schemeId);
  const entries = useEntries(current?.id, unitId);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const own: Record<string, Draft> = {};
    for (const e of entries.data?.self ?? []) own[e.criterionId] = { input: e.input, reason: e.reason };
    setDrafts(own);
    setErrors({});
  }, [entries.data]);

  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;

  const leaves = scheme.data ? leavesOf(scheme.data) : [];
  const submission = entries.data?.submission ?? null;
  const submitted = submission?.status === 'submitted';
  const editable = current?.status === 'self_assessment' && !submitted;
  const files = entries.data?.files ?? [];
  const reviewOf = new Map<string, AssessmentEntry>((entries.data?.review ?? []).map((e) => [e.criterionId, e]));

  async function save() {
    if (!current || !unitId) return;
    const chosen = leaves.filter((l) => !l.computed && hasInput(l, drafts[l.id]?.input));
    if (chosen.length === 0) {
      message.warning('请至少填写一项');
      return;
    }
    const body = chosen.map((l) => ({
      criterionId: l.id,
      input: drafts[l.id].input,
      ...(drafts[l.id].reason ? { reason: drafts[l.id].reason } : {}),
    }));
    setSaving(true);
    setErrors({});
    try {
      await client.PUT('/api/assessments/{id}/units/{unitId}/self', {
        params: { path: { id: current.id, unitId } },
        body: { entries: body },
      });
      message.success('自评已保存');
      await queryClient.invalidateQueries({ queryKey: keys.assessedUnit(current.id, unitId) });
    } catch (e) {
      if (e instanceof ApiError && e.details.length)
        setErrors(
          errorsByCriterion(
            e.details,
            chosen.map((l) => l.id),
          ),
        );
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  async function upload(criterionId: string, file: File) {
    if (!current || !unitId) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
      await api<EntryFile[]>(
        `/api/assessments/${current.id}/units/${unitId}/self/${encodeURIComponent(criterionId)}/evidence`,
        { method: 'POST', form: fd },
      );
      message.success(`已上传：${file.name}`);
      await queryClient.invalidateQueries({ queryKey: keys.assessedUnit(current.id, unitId) });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function submit() {
    if (!current || !unitId) return;
    try {
      await answer(
        client.POST('/api/assessments/{id}/units/{unitId}/self/submit', {
          params: { path: { id: current.id, unitId } },
        }),
      );
      message.success('自评已提交');
      await queryClient.invalidateQueries({ queryKey: keys.assessedUnit(current.id, unitId) });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title="年终考评">
        <Table<Assessment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={assessments}
          locale={{ emptyText: '本方案暂无年终考评' }}
          rowClassName={(a) => (a.id === current?.id ? 'ant-table-row-selected' : '')}
          onRow={(a) => ({ onClick: () => setSelected(a.id), style: { cursor: 'pointer' } })}
          data-testid="assessment-list"
          columns={[
            { title: '考评', key: 'title', render: (_, a) => assessmentTitle(a) },
            {
              title: '状态',
              key: 'status',
              width: 100,
              render: (_, a) => (
                <Tag color={assessmentStatusColors[a.status]}>{assessmentStatusLabels[a.status] ?? a.status}</Tag>
              ),
            },
            { title: '修订', dataIndex: 'revision', width: 70 },
            { title: '公布时间', key: 'publishedAt', width: 170, render: (_, a) => formatDateTime(a.publishedAt) },
          ]}
        />
      </Card>
      {current && (
        <Card
          title={`本单位自评：${assessmentTitle(current)}`}
          extra={
            <Select
              value={current.id}
              style={{ width: 220 }}
              onChange={setSelected}
              options={assessments.map((a) => ({ value: a.id, label: assessmentTitle(a) }))}
              data-testid="assessment-select"
            />
          }
        >
          {current.status !== 'self_assessment' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${assessmentStatusLabels[current.status] ?? current.status}：自评已结束，不能修改`}
            />
          ) : submitted ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={`自评已于 ${formatDateTime(submission.submittedAt)} 提交，等待办公室初审；如需修改请联系办公室退回`}
              data-testid="self-submitted"
            />
          ) : submission?.status === 'returned' ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`办公室已退回自评：${submission.returnReason ?? ''}。请修改后重新提交`}
              data-testid="self-returned"
            />
          ) : null}
          {scheme.error || entries.error ? (
            <ErrorPage error={scheme.error ?? entries.error} />
          ) : scheme.isLoading || entries.isLoading || !scheme.data ? (
            <Loading />
          ) : leaves.length === 0 ? (
            <Empty description="该考评方案没有指标" />
          ) : (
            <>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={leaves}
                scroll={{ x: 1300 }}
                data-testid="self-form"
                onRow={(l) => ({ 'data-criterion': l.id }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: '指标',
                    key: 'name',
                    width: 280,
                    render: (_, l) => (
                      <Space orientation="vertical" size={0}>
                        <Typography.Text strong>{l.name}</Typography.Text>
                        <Typography.Text type="secondary">
                          {l.group !== l.name ? `${l.group} · ` : ''}
                          {l.points} 分
                        </Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    title: '评分标准',
                    key: 'guidance',
                    width: 260,
                    render: (_, l) => (
                      <Typography.Text type="secondary" data-testid={`guidance-${l.id}`}>
                        {describeRule(l.rule)}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: '自评',
                    key: 'input',
                    render: (_, l) =>
                      l.computed ? (
                        <Typography.Text type="secondary">由平台数据计算</Typography.Text>
                      ) : (
                        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                          <LeafInputEditor
                            leaf={l}
                            disabled={!editable}
                            value={drafts[l.id]?.input}
                            onChange={(input) =>
                              setDrafts((d) => ({ ...d, [l.id]: { reason: d[l.id]?.reason ?? '', input } }))
                            }
                          />
                          {l.rule.kind !== 'manual' && (
                            <Input
                              disabled={!editable}
                              placeholder="说明（可选）"
                              maxLength={1000}
                              value={drafts[l.id]?.reason ?? ''}
                              onChange={(e) =>
                                setDrafts((d) => ({
                                  ...d,
                                  [l.id]: { input: d[l.id]?.input ?? {}, reason: e.target.value },
                                }))
                              }
                              data-testid={`reason-${l.id}`}
                            />
                          )}
                          {errors[l.id] && (
                            <Typography.Text type="danger" data-testid={`error-${l.id}`}>
                              {errors[l.id]}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                  },
                  {
                    title: '佐证材料',
                    key: 'evidence',
                    width: 220,
                    render: (_, l) =>
                      l.computed ? (
                        '—'
                      ) : (
                        <Space orientation="vertical" size={4}>
                          <EntryFiles
                            assessmentId={current.id}
                            unitId={unitId ?? ''}
                            files={files.filter((f) => f.criterionId === l.id)}
                          />
                          {editable && (
                            <Upload
                              showUploadList={false}
                              beforeUpload={(file) => {
                                void upload(l.id, file);
                                return false;
                              }}
                            >
                              <Button size="small" icon={<UploadOutlined />} data-testid={`upload-${l.id}`}>
                                上传佐证
                              </Button>
                            </Upload>
                          )}
                        </Space>
                      ),
                  },
                  {
                    title: '初审',
                    key: 'review',
                    width: 200,
                    render: (_, l) =>
                      l.computed ? (
                        '—'
                      ) : reviewOf.has(l.id) ? (
                        describeInput(l, reviewOf.get(l.id)!.input)
                      ) : (
                        <Typography.Text type="secondary">未初审</Typography.Text>
                      ),
                  },
                ]}
              />
              <Space style={{ marginTop: 16 }}>
                <Button
                  type="primary"
                  disabled={!editable}
                  loading={saving}
                  onClick={() => void save()}
                  data-testid="save-self"
                >
                  保存自评
                </Button>
                <Popconfirm
                  title="提交后不能再修改（办公室退回后可修改），确定提交自评？"
                  onConfirm={() => void submit()}
                  okText="提交"
                  cancelText="取消"
                  disabled={!editable}
                >
                  <Button disabled={!editable} data-testid="submit-self">
                    提交自评
                  </Button>
                </Popconfirm>
                <Typography.Text type="secondary" data-testid="self-count">
                  已保存 {entries.data?.self.length ?? 0} 项
                </Typography.Text>
              </Space>
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
