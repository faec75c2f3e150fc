import { answer, client } from '../api/client';
import { Button, Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorPage } from '../components';
import { monthLabel, statusColors, statusLabels, timelinessColors, timelinessLabels } from '../format';
import { keys } from '../queries';
import { useSession } from '../session';
import type { ExpectedReport } from '../api/types';
import { useUnit } from '../units';

export default function UnitHistoryPage() {
  const { unitId = '' } = useParams();
  const [search] = useSearchParams();
  const month = Number(search.get('month')) || null;
  const navigate = useNavigate();
  const { plan } = useSession();
  const { data, error, isFetching } = useQuery({
    queryKey: keys.unitHistory(plan!.id, unitId),
    queryFn: () =>
      answer(
        client.GET('/api/plans/{id}/units/{unitId}/history', { params: { path: { id: plan!.id, unitId: unitId! } } }),
      ),
  });
  const unit = useUnit(unitId);
  if (error) return <ErrorPage error={error} />;
  const items = (data ?? []).filter((i) => !month || i.month === month);
  return (
    <Card
      title={`${unit.data?.name ?? '单位'} 报送历史${month ? `（${month}月）` : ''}`}
      extra={
        <Button onClick={() => navigate(month ? `/completeness/${unitId}` : '/completeness')}>
          {month ? '查看全年' : '返回报送情况'}
        </Button>
      }
    >
      <Table<ExpectedReport>
        rowKey={(r) => `${r.periodId}-${r.subjectType}-${r.subjectId}`}
        size="small"
        loading={isFetching}
        dataSource={items}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 30 }}
        columns={[
          { title: '月份', key: 'm', width: 100, render: (_, r) => monthLabel(r.year, r.month) },
          { title: '报送事项', dataIndex: 'label', width: 300 },
          {
            title: '及时性',
            key: 't',
            width: 90,
            render: (_, r) => (
              <Tag color={timelinessColors[r.timeliness]}>{timelinessLabels[r.timeliness] ?? r.timeliness}</Tag>
            ),
          },
          {
            title: '状态',
            key: 's',
            width: 84,
            fixed: 'right',
            render: (_, r) =>
              r.status ? <Tag color={statusColors[r.status]}>{statusLabels[r.status]}</Tag> : '未填报',
          },
          {
            title: '操作',
            key: 'op',
            width: 64,
            fixed: 'right',
            render: (_, r) =>
              r.reportId ? (
                <Button type="link" size="small" onClick={() => navigate(`/reports/view/${r.reportId}`)}>
                  查看
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
