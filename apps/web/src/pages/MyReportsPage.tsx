import { useState } from 'react';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ErrorPage } from '../components';
import { formatDateTime, monthLabel, progressLabels, statusColors, statusLabels } from '../format';
import { answer, client } from '../api/client';
import { keys, usePeriods } from '../queries';
import { useSession } from '../session';
import type { ReportRow, ReportStatus } from '../api/types';

export default function MyReportsPage() {
  const { plan } = useSession();
  const [status, setStatus] = useState<ReportStatus | undefined>();
  const [page, setPage] = useState(1);
  const periods = usePeriods(plan?.id);
  const query = { planId: plan?.id, status, page, pageSize: 20, order: 'period' as const };
  const { data, error, isFetching } = useQuery({
    queryKey: keys.reportList(query),
    queryFn: () => answer(client.GET('/api/reports', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  if (error) return <ErrorPage error={error} />;
  const monthOf = new Map((periods.data ?? []).map((p) => [p.id, monthLabel(p.year, p.month)]));
  return (
    <Card
      title="报送记录"
      extra={
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
        />
      }
    >
      <Table<ReportRow>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 960 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
        }}
        columns={[
          { title: '月份', key: 'month', width: 100, render: (_, r) => monthOf.get(r.periodId) ?? '—' },
          { title: '单位', dataIndex: 'unitName', width: 120 },
          {
            title: '报送事项',
            dataIndex: 'subjectLabel',
            width: 240,
            ellipsis: { showTitle: false },
            render: (label: string) => <Typography.Text title={label}>{label}</Typography.Text>,
          },
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
          { title: '提交时间', key: 'submittedAt', width: 160, render: (_, r) => formatDateTime(r.submittedAt) },
          {
            title: '状态',
            key: 'status',
            width: 84,
            fixed: 'right',
            render: (_, r) => (
              <Space size={2} orientation="vertical">
                <Tag color={statusColors[r.status]}>{statusLabels[r.status]}</Tag>
                {r.late && <Tag color="orange">迟报</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 56,
            fixed: 'right',
            render: (_, r) => <Link to={`/reports/view/${r.id}`}>查看</Link>,
          },
        ]}
      />
    </Card>
  );
}
