import { useState } from 'react';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { allPages, answer, client } from '../api/client';
import { ErrorPage } from '../components';
import { formatMoney } from '../format';
import { FundFormModal } from '../funds/FundFormModal';
import { SpreadsheetImport } from '../funds/SpreadsheetImport';
import { projectKindLabels } from '../funds/types';
import type { FundSummary } from '../api/types';
import { keys } from '../queries';
import { useSession } from '../session';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2019 }, (_, i) => THIS_YEAR + 1 - i);

/** 专项资金: the city's budget projects (a department sees the ones it owns); the office creates them or imports target tables. */
export default function FundsPage() {
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const queryClient = useQueryClient();
  const funds = useQuery({
    queryKey: keys.fundList(year),
    queryFn: () =>
      allPages((page, pageSize) =>
        answer(client.GET('/api/fund-projects', { params: { query: { year, page, pageSize } } })),
      ),
    placeholderData: keepPreviousData,
  });
  const canManage = hasRole('office', 'admin');
  if (funds.error) return <ErrorPage error={funds.error} />;

  return (
    <Card
      title="专项资金"
      extra={
        <Space wrap>
          <Select
            value={year ?? 0}
            style={{ width: 120 }}
            onChange={(v) => setParams(v ? { year: String(v) } : {})}
            options={[{ value: 0, label: '全部年度' }, ...YEARS.map((y) => ({ value: y, label: `${y}年` }))]}
            aria-label="年度"
            data-testid="fund-year-filter"
          />
          {canManage && (
            <>
              <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)} data-testid="import-targets">
                导入绩效目标表
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-fund"
              >
                新建项目
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Table<FundSummary>
        rowKey="id"
        size="small"
        loading={funds.isFetching}
        dataSource={funds.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: canManage ? '暂无专项资金项目，可新建或导入绩效目标表' : '暂无本单位主管的专项资金项目' }}
        data-testid="fund-list"
        onRow={(f) => ({ onClick: () => navigate(`/funds/${f.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '项目名称', dataIndex: 'name', render: (t: string) => <Typography.Link>{t}</Typography.Link> },
          { title: '主管部门', dataIndex: 'ownerUnitName', width: 200 },
          { title: '年度', dataIndex: 'year', width: 80, render: (y: number) => `${y}年` },
          {
            title: '类型',
            key: 'kind',
            width: 110,
            render: (_, f) => f.kindText || (projectKindLabels[f.kind] ?? f.kind),
          },
          { title: '级别', dataIndex: 'level', width: 70 },
          {
            title: '年度预算（万元）',
            key: 'budget',
            width: 150,
            align: 'right',
            render: (_, f) => formatMoney(f.annualBudget),
          },
          {
            title: '半年计划（万元）',
            key: 'half',
            width: 150,
            align: 'right',
            render: (_, f) => formatMoney(f.halfYearPlan),
          },
        ]}
      />
      <FundFormModal
        open={creating}
        fund={null}
        onClose={() => setCreating(false)}
        onSaved={(f) => {
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: keys.fundLists() });
          navigate(`/funds/${f.id}`);
        }}
      />
      <SpreadsheetImport
        open={importing}
        title="导入绩效目标表"
        path="/api/fund-projects/imports/targets"
        template={{ path: '/api/fund-projects/imports/targets/template.xlsx', filename: '绩效目标表模板.xlsx' }}
        query={{ year }}
        hint={
          '支持 000 格式（序号 | 计算符号 | 目标值 | 单位）和半年/全年指标值格式（如“≥900个”），' +
          '一个工作簿可含多个项目；表内未注明年度时按所选年度导入。先预检，确认无误后再导入。'
        }
        onClose={() => setImporting(false)}
        // A workbook creates funds and replaces the targets of existing ones.
        onCommitted={() => void queryClient.invalidateQueries({ queryKey: keys.funds() })}
      />
    </Card>
  );
}
