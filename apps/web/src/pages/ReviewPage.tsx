import { useState } from 'react';
import { Card, Drawer, Grid, Input, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, client } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { formatDateTime, monthLabel, progressLabels, statusColors, statusLabels } from '../format';
import { keys, usePeriods } from '../queries';
import { ReportDetail } from '../ReportDetail';
import { useSession } from '../session';
import type { ReportRow, ReportStatus } from '../api/types';

export default function ReviewPage() {
  const { plan } = useSession();
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<ReportStatus>('submitted');
  const [openId, setOpenId] = useState<string | null>(null);
  const [unit, setUnit] = useState('');
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

  return (
    <Card
      title="审核"
      extra={
        <Space wrap>
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
            onChange={setStatus}
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
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 份` }}
        locale={{ emptyText: status === 'submitted' ? '暂无待审核的报告' : '暂无报告' }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 160 },
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
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_, r) => <Tag color={statusColors[r.status]}>{statusLabels[r.status]}</Tag>,
          },
          { title: '提交时间', key: 'submittedAt', width: 160, render: (_, r) => formatDateTime(r.submittedAt) },
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
