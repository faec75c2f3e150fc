import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorPage } from '../components';
import { formatDate } from '../format';
import { PlanFormModal } from '../plans/PlanFormModal';
import { planStatusColors, planStatusLabels } from '../plans/types';
import { keys, usePlanList } from '../queries';
import { useSession } from '../session';
import type { Plan } from '../api/types';

function years(p: Plan): string {
  return p.startYear === p.endYear ? `${p.startYear}年` : `${p.startYear}—${p.endYear}年`;
}

/** 工作方案: every plan of the city the user may read; the office creates new ones here. */
export default function PlansPage() {
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const queryClient = useQueryClient();
  const plans = usePlanList();
  const canEdit = hasRole('office', 'admin');
  if (plans.error) return <ErrorPage error={plans.error} />;

  return (
    <Card
      title="工作方案"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-plan">
            新建方案
          </Button>
        )
      }
    >
      <Table<Plan>
        rowKey="id"
        size="small"
        loading={plans.isFetching}
        dataSource={plans.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="plan-list"
        onRow={(p) => ({ onClick: () => navigate(`/plans/${p.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '方案名称', dataIndex: 'title', render: (t: string) => <Typography.Link>{t}</Typography.Link> },
          { title: '文号', dataIndex: 'docNumber', width: 220, render: (v: string) => v || '—' },
          { title: '年度', key: 'years', width: 120, render: (_, p) => years(p) },
          { title: '印发日期', key: 'issueDate', width: 140, render: (_, p) => formatDate(p.issueDate) },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_, p) => <Tag color={planStatusColors[p.status]}>{planStatusLabels[p.status] ?? p.status}</Tag>,
          },
        ]}
      />
      <PlanFormModal
        open={creating}
        plan={null}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: keys.planList() });
          navigate(`/plans/${p.id}`);
        }}
      />
    </Card>
  );
}
