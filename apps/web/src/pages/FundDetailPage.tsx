import { answer, client } from '../api/client';
import { Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorPage, Loading } from '../components';
import { formatWan } from '../format';
import { BasicTab } from '../funds/BasicTab';
import { EvaluationTab } from '../funds/EvaluationTab';
import { ExecutionTab } from '../funds/ExecutionTab';
import { IndicatorsTab } from '../funds/IndicatorsTab';
import { SurveysTab } from '../funds/SurveysTab';
import { keys } from '../queries';
import { useSession } from '../session';

const TABS = ['basic', 'execution', 'targets', 'surveys', 'evaluation'] as const;

/**
 * One special fund: its budget, execution against the time-elapsed plan, performance targets and
 * actuals, satisfaction surveys and the evaluation. The office manages; the owning department
 * enters execution and actuals; leaders read.
 */
export default function FundDetailPage() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const fund = useQuery({
    queryKey: keys.fundDetail(id),
    queryFn: () => answer(client.GET('/api/fund-projects/{id}', { params: { path: { id: id! } } })),
  });
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'basic';

  if (fund.error) return <ErrorPage error={fund.error} />;
  if (!fund.data) return <Loading />;
  const f = fund.data;
  // The API decides in the end (a leader never reports; a liaison only sees its own department's funds).
  const canManage = hasRole('office', 'admin');
  const canReport = canManage || hasRole('liaison');

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Link to="/funds" aria-label="返回专项资金列表">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="fund-title">{f.name}</span>
            <Tag>{f.year}年</Tag>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'owner', label: '主管部门', children: f.ownerUnitName },
            {
              key: 'budget',
              label: '年度预算',
              children: <Typography.Text strong>{formatWan(f.annualBudget)}</Typography.Text>,
            },
            { key: 'half', label: '半年计划执行数', children: formatWan(f.halfYearPlan) },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'basic' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        data-testid="fund-tabs"
        items={[
          {
            key: 'basic',
            label: '基本信息',
            children: (
              <BasicTab
                fund={f}
                canManage={canManage}
                onChanged={() => {
                  // Name, year, budget and sub-items show in the fund list and feed every tab's figures.
                  void queryClient.invalidateQueries({ queryKey: keys.fund(id) });
                  void queryClient.invalidateQueries({ queryKey: keys.fundLists() });
                }}
                onReload={() => void queryClient.invalidateQueries({ queryKey: keys.fundDetail(id) })}
              />
            ),
          },
          { key: 'execution', label: '执行情况', children: <ExecutionTab fund={f} canReport={canReport} /> },
          {
            key: 'targets',
            label: '绩效目标',
            children: <IndicatorsTab fund={f} canManage={canManage} canReport={canReport} />,
          },
          { key: 'surveys', label: '满意度调查', children: <SurveysTab fund={f} canManage={canManage} /> },
          { key: 'evaluation', label: '绩效评价', children: <EvaluationTab fund={f} canManage={canManage} /> },
        ]}
      />
    </Space>
  );
}
