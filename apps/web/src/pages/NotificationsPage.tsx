import { useState } from 'react';
import { App, Button, Card, Popconfirm, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import { ErrorPage } from '../components';
import { formatDateTime } from '../format';
import { ChannelsCard } from '../notifications/ChannelsCard';
import { ReminderRuleCard } from '../notifications/ReminderRuleCard';
import { keys } from '../queries';
import { useSession } from '../session';
import type { NotificationListRow, NotificationQuery } from '../api/types';

const notificationKindLabels: Record<string, string> = {
  reminder: '报送提醒',
  escalation: '逾期催报',
  office_digest: '逾期汇总',
  weekly_digest: '每周汇总',
  nudge: '未更新提醒',
  event: '平台通知',
  digest: '每日汇总',
  year_end: '年终考评',
};
const statusLabels: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' };
const statuses: NonNullable<NotificationQuery['status']>[] = ['pending', 'sent', 'failed'];
const statusColors: Record<string, string> = { pending: 'processing', sent: 'success', failed: 'error' };
const PAGE_SIZE = 20;

function Log() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<NotificationQuery['status'] | ''>('');
  const [kind, setKind] = useState<NotificationQuery['kind']>();
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const query = { status, kind, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: keys.notificationList(query),
    // 全部 ('') is no status at all.
    queryFn: () =>
      answer(client.GET('/api/notifications', { params: { query: { ...query, status: status || undefined } } })),
    placeholderData: keepPreviousData,
  });

  async function resend(row: NotificationListRow) {
    try {
      await answer(client.POST('/api/notifications/{id}/resend', { params: { path: { id: row.id } } }));
      message.success(`已重新排队发送：${row.recipientEmail}`);
      await queryClient.invalidateQueries({ queryKey: keys.notifications() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  if (list.error) return <ErrorPage error={list.error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<NotificationQuery['status'] | ''>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[{ value: '', label: '全部' }, ...statuses.map((value) => ({ value, label: statusLabels[value] }))]}
          data-testid="notification-status"
        />
        <Select
          allowClear
          placeholder="通知类型"
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          style={{ width: 160 }}
          options={Object.entries(notificationKindLabels).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <Table<NotificationListRow>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        data-testid="notification-log"
        locale={{ emptyText: status === 'failed' ? '没有发送失败的邮件' : '暂无通知' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
        }}
        onRow={(r) => ({ style: r.status === 'failed' ? { background: '#fff1f0' } : undefined })}
        columns={[
          { title: '生成时间', key: 'createdAt', width: 150, render: (_, r) => formatDateTime(r.createdAt) },
          { title: '类型', key: 'kind', width: 90, render: (_, r) => notificationKindLabels[r.kind] ?? r.kind },
          {
            title: '收件人',
            key: 'recipient',
            width: 210,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text ellipsis={{ tooltip: r.recipientEmail }} style={{ maxWidth: 190 }}>
                  {r.recipientEmail}
                </Typography.Text>
                {r.unitName && <Typography.Text type="secondary">{r.unitName}</Typography.Text>}
              </Space>
            ),
          },
          { title: '主题', dataIndex: 'subject', ellipsis: true },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_, r) => <Tag color={statusColors[r.status]}>{statusLabels[r.status] ?? r.status}</Tag>,
          },
          { title: '尝试', dataIndex: 'attempts', width: 60, align: 'right' },
          {
            title: '最近错误 / 发送时间',
            key: 'result',
            width: 180,
            render: (_, r) =>
              r.status === 'failed' ? (
                <Typography.Text type="danger" ellipsis={{ tooltip: r.lastError }}>
                  {r.lastError ?? '—'}
                </Typography.Text>
              ) : (
                formatDateTime(r.sentAt)
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            fixed: 'right',
            render: (_, r) =>
              r.status === 'failed' ? (
                <Popconfirm
                  title={`重新发送给 ${r.recipientEmail}？`}
                  onConfirm={() => void resend(r)}
                  okText="重发"
                  cancelText="取消"
                >
                  <Button size="small" icon={<RedoOutlined />} data-testid={`resend-${r.id}`}>
                    重发
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/** 通知日志 (office): every email of the city with its delivery state, resend for failed ones, and the plan's reminder rule. */
export default function NotificationsPage() {
  const { plan } = useSession();
  return (
    <Card title="通知与提醒">
      <Tabs
        items={[
          { key: 'log', label: '通知日志', children: <Log /> },
          { key: 'channels', label: '群机器人', children: <ChannelsCard /> },
          ...(plan
            ? [
                {
                  key: 'rule',
                  label: '提醒规则',
                  children: <ReminderRuleCard planId={plan.id} planTitle={plan.title} editable />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
