import { useState } from 'react';
import { App, Button, Card, Drawer, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { formatDateTime, monthLabel, progressLabels, statusColors, statusLabels } from '../format';
import { invalidateReports, keys, usePeriods } from '../queries';
import { ReportDetail } from '../ReportDetail';
import { useSession } from '../session';
import type { ReportRow, ReportStatus } from '../api/types';

export default function ReviewPage() {
  const { plan } = useSession();
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<ReportStatus>('submitted');
  const [openId, setOpenId] = useState<string | null>(null);
  const [unit, setUnit] = useState('');
  const [selected, setSelected] = useState<ReportRow[]>([]);
  const [accepting, setAccepting] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const periods = usePeriods(plan!.id);
  const query = { planId: plan!.id, status, pageSize: 200 };
  const list = useQuery({
    queryKey: keys.reportList(query),
    queryFn: () => answer(client.GET('/api/reports', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: keys.report(openId ?? ''),
    queryFn: () => answer(client.GET('/api/reports/{id}', { params: { path: { id: openId! } } })),
    enabled: !!openId,
  });
  if (list.error) return <ErrorPage error={list.error} />;
  const monthOf = new Map((periods.data ?? []).map((p) => [p.id, monthLabel(p.year, p.month)]));

  // All or nothing on the server: a report changed meanwhile fails the batch, and the list is read again.
  async function acceptSelected() {
    setAccepting(true);
    try {
      const items = selected.map((r) => ({ id: r.id, version: r.version }));
      const result = await answer(client.POST('/api/reports/accept', { body: { items } }));
      message.success(`已批量通过 ${result.accepted.length} 份报告`);
      setSelected([]);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setAccepting(false);
      void invalidateReports(queryClient);
    }
  }

  return (
    <Card
      title="审核"
      extra={
        <Space wrap>
          {status === 'submitted' && (
            <Popconfirm
              title={`确认通过所选 ${selected.length} 份报告？`}
              okText="全部通过"
              cancelText="取消"
              disabled={selected.length === 0}
              onConfirm={() => acceptSelected()}
            >
              <Button type="primary" disabled={selected.length === 0} loading={accepting} data-testid="batch-accept">
                批量通过{selected.length ? `（${selected.length}）` : ''}
              </Button>
            </Popconfirm>
          )}
          <Input.Search
            allowClear
            placeholder="按单位筛选"
            style={{ width: 160 }}
            onChange={(e) => setUnit(e.target.value.trim())}
            data-testid="review-unit-filter"
          />
          <Select
            value={status}
            style={{ width: 120 }}
            onChange={(v) => {
              setStatus(v);
              setSelected([]);
            }}
            options={['submitted', 'returned', 'accepted', 'draft'].map((value) => ({
              value,
              label: statusLabels[value],
            }))}
            data-testid="review-status"
          />
        </Space>
      }
    >
      <Table<ReportRow>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={(list.data?.items ?? []).filter((r) => !unit || r.unitName.includes(unit))}
        scroll={{ x: 1060 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 份` }}
        locale={{ emptyText: status === 'submitted' ? '暂无待审核的报告' : '暂无报告' }}
        rowSelection={
          status === 'submitted'
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_, rows) => setSelected(rows),
                columnWidth: 40,
              }
            : undefined
        }
        onRow={(r) => ({
          onClick: (e) => {
            // Ticking a row's box selects it for the batch; a click elsewhere on the row opens the report.
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            setOpenId(r.id);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 130 },
          {
            title: '报送事项',
            dataIndex: 'subjectLabel',
            width: 240,
            ellipsis: { showTitle: false },
            render: (label: string) => <Typography.Text title={label}>{label}</Typography.Text>,
          },
          { title: '月份', key: 'month', width: 100, render: (_, r) => monthOf.get(r.periodId) ?? '—' },
          {
            title: '推进状态',
            key: 'progress',
            width: 100,
            render: (_, r) => (r.progressStatus ? progressLabels[r.progressStatus] : '—'),
          },
          {
            title: '完成进度',
            key: 'pct',
            width: 90,
            render: (_, r) => (r.completionPercent === null ? '—' : `${Number(r.completionPercent)}%`),
          },
          { title: '工作进展', dataIndex: 'narrative', ellipsis: true },
          { title: '提交时间', key: 'submittedAt', width: 160, render: (_, r) => formatDateTime(r.submittedAt) },
          {
            title: '状态',
            key: 'status',
            width: 84,
            fixed: 'right',
            render: (_, r) => <Tag color={statusColors[r.status]}>{statusLabels[r.status]}</Tag>,
          },
          {
            title: '操作',
            key: 'op',
            width: 60,
            fixed: 'right',
            render: () => <Typography.Link>查看</Typography.Link>,
          },
        ]}
      />
      <Drawer
        title="报告审核"
        open={!!openId}
        size={screens.md ? 640 : '100%'}
        onClose={() => setOpenId(null)}
        destroyOnHidden
      >
        {detail.error ? (
          <ErrorPage error={detail.error} />
        ) : !detail.data ? (
          <Loading />
        ) : (
          <ReportDetail report={detail.data} canReview onChanged={() => setOpenId(null)} />
        )}
      </Drawer>
    </Card>
  );
}
