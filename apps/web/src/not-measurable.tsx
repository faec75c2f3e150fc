// Leaves the office marks not measurable for a unit (不可单独统计): scored on the tier average instead.
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, messageOf } from './api';
import { answer, client } from './api/client';
import type { components } from './api/schema';
import type { AssessedUnit, Assessment } from './api/types';
import type { Leaf } from './assessment';
import { formatDateTime } from './format';

type NotMeasurable = components['schemas']['NotMeasurableView'];

const marksKey = (assessmentId: string) => ['assessments', assessmentId, 'not-measurable'] as const;

/**
 * The marks of one assessment. The office adds them (unit, leaf, reason) and takes them back while the cycle is open;
 * approval freezes them with the other inputs, so afterwards the card only lists them.
 */
export function NotMeasurableCard({
  assessment,
  leaves,
  units,
  office,
}: {
  assessment: Assessment;
  leaves: Leaf[];
  units: AssessedUnit[];
  office: boolean;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const marks = useQuery({
    queryKey: marksKey(assessment.id),
    queryFn: () =>
      answer(client.GET('/api/assessments/{id}/not-measurable', { params: { path: { id: assessment.id } } })),
  });
  const [adding, setAdding] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [criterionId, setCriterionId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const frozen = assessment.status === 'approved' || assessment.status === 'published';
  const editable = office && !frozen;
  const unitName = new Map(units.map((u) => [u.id, u.shortName]));
  const leafName = new Map(leaves.map((l) => [l.id, l.name]));

  async function changed() {
    // The marks change what approval computes: the progress list and every explanation read again.
    await queryClient.invalidateQueries({ queryKey: ['assessments', assessment.id] });
  }

  async function add() {
    if (!unitId || !criterionId) {
      setError('请选择单位和指标');
      return;
    }
    if (!reason.trim()) {
      setError('请填写不可单独统计的原因');
      return;
    }
    try {
      await answer(
        client.PUT('/api/assessments/{id}/not-measurable', {
          params: { path: { id: assessment.id } },
          body: { unitId, criterionId, reason },
        }),
      );
      message.success('已标记为不可单独统计');
      setAdding(false);
      await changed();
    } catch (e) {
      setError(e instanceof ApiError && e.details.length ? e.details.map((d) => d.reason).join('；') : messageOf(e));
    }
  }

  async function remove(mark: NotMeasurable) {
    try {
      await answer(
        client.DELETE('/api/assessments/{id}/not-measurable/{markId}', {
          params: { path: { id: assessment.id, markId: mark.id } },
        }),
      );
      message.success('已撤销标记');
      await changed();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Card
      title="不可单独统计的指标"
      size="small"
      data-testid="not-measurable"
      extra={
        editable && (
          <Button
            onClick={() => {
              setAdding(true);
              setUnitId(undefined);
              setCriterionId(undefined);
              setReason('');
              setError(null);
            }}
            data-testid="nm-add"
          >
            标记不可单独统计
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          某单位某项指标难以单独统计的，由办公室标记并说明原因，
          {'该项按同档（同类别）其他单位的平均得分计算，无需清空统计数据。'}
        </Typography.Text>
        {office && frozen && (
          <Alert
            type="info"
            showIcon
            title="考评已审定，标记已随审定结果冻结；如需修改，须由系统管理员重新打开考评。"
            data-testid="nm-frozen"
          />
        )}
        <Table<NotMeasurable>
          rowKey="id"
          size="small"
          pagination={false}
          loading={marks.isFetching}
          dataSource={marks.data ?? []}
          locale={{ emptyText: '暂无标记' }}
          data-testid="nm-list"
          columns={[
            { title: '单位', key: 'unit', width: 140, render: (_, m) => unitName.get(m.unitId) ?? '—' },
            { title: '指标', key: 'leaf', render: (_, m) => leafName.get(m.criterionId) ?? m.criterionId },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '标记人',
              key: 'by',
              width: 200,
              render: (_, m) => `${m.markedByName}，${formatDateTime(m.markedAt)}`,
            },
            ...(editable
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 80,
                    render: (_: unknown, m: NotMeasurable) => (
                      <Popconfirm
                        title="撤销后该项按统计数据计分，确定撤销？"
                        onConfirm={() => void remove(m)}
                        okText="撤销"
                        cancelText="取消"
                      >
                        <Button size="small" danger data-testid={`nm-remove-${m.criterionId}`}>
                          撤销
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
      <Modal
        title="标记不可单独统计"
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={() => void add()}
        okText="确认标记"
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            placeholder="单位"
            style={{ width: '100%' }}
            value={unitId}
            onChange={setUnitId}
            options={units.map((u) => ({ value: u.id, label: u.shortName }))}
            data-testid="nm-unit"
          />
          <Select
            placeholder="指标"
            style={{ width: '100%' }}
            value={criterionId}
            onChange={setCriterionId}
            options={leaves.map((l) => ({ value: l.id, label: `${l.name}（${l.points} 分）` }))}
            data-testid="nm-leaf"
          />
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder="不可单独统计的原因（必填），记入审计日志并写入得分说明"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="nm-reason"
          />
          {error && (
            <Typography.Text type="danger" data-testid="nm-error">
              {error}
            </Typography.Text>
          )}
        </Space>
      </Modal>
    </Card>
  );
}
