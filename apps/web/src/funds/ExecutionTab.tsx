import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { answer, client } from '../api/client';
import { Chart } from '../Chart';
import { ErrorPage, Loading } from '../components';
import { formatDateTime, formatMoney, formatMonth, formatPercent, formatWan } from '../format';
import { keys } from '../queries';
import { ExecutionModal, type ExecutionDraft } from './ExecutionModal';
import { sumMoney } from './types';
import type { ExecutionRow, ExecutionStatus, FundDetail } from '../api/types';

type StatusRow = ExecutionStatus & { key: string; name: string };

function LagTag({ status }: { status: ExecutionStatus }) {
  if (Number(status.expectedSpent) === 0) return <Tag>未到计划期</Tag>;
  return status.lagging ? <Tag color="error">滞后于序时进度</Tag> : <Tag color="success">符合序时进度</Tag>;
}

/** Monthly received and spent (bars) and their running totals (lines) over the budget year. */
function chartOption(year: number, rows: ExecutionRow[]): EChartsCoreOption {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const received = months.map((m) => Number(sumMoney(rows.filter((r) => r.month === m).map((r) => r.received))));
  const spent = months.map((m) => Number(sumMoney(rows.filter((r) => r.month === m).map((r) => r.spent))));
  const running = (values: number[]) =>
    values.map((_, i) => Math.round(values.slice(0, i + 1).reduce((a, b) => a + b, 0) * 100) / 100);
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => `${formatMoney(typeof v === 'number' ? v : Number(v))} 万元`,
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((_, i) => `${i + 1}月`) },
    yAxis: [
      { type: 'value', name: '当月（万元）' },
      { type: 'value', name: '累计（万元）', splitLine: { show: false } },
    ],
    series: [
      { name: '当月到位', type: 'bar', data: received, itemStyle: { color: '#1d5fbf' } },
      { name: '当月支出', type: 'bar', data: spent, itemStyle: { color: '#52c41a' } },
      {
        name: '累计到位',
        type: 'line',
        yAxisIndex: 1,
        data: running(received),
        itemStyle: { color: '#0958d9' },
        smooth: true,
      },
      {
        name: '累计支出',
        type: 'line',
        yAxisIndex: 1,
        data: running(spent),
        itemStyle: { color: '#389e0d' },
        smooth: true,
      },
    ],
  };
}

/** 执行情况: 资金到位率, 预算执行率 and 序时进度 per sub-item as of a month, the monthly chart, and the records. */
export function ExecutionTab({ fund, canReport }: { fund: FundDetail; canReport: boolean }) {
  const [asOf, setAsOf] = useState<string | undefined>();
  const [draft, setDraft] = useState<ExecutionDraft | null>(null);
  /** The month whose records the table lists ('' = every month); undefined follows the summary's month. */
  const [recordMonth, setRecordMonth] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const summary = useQuery({
    queryKey: keys.fundExecutionSummary(fund.id, asOf),
    queryFn: () =>
      answer(
        client.GET('/api/fund-projects/{id}/execution-summary', { params: { path: { id: fund.id }, query: { asOf } } }),
      ),
    // Another month keeps the figures on screen until its own arrive.
    placeholderData: keepPreviousData,
  });
  const records = useQuery({
    queryKey: keys.fundExecutions(fund.id),
    queryFn: () => answer(client.GET('/api/fund-projects/{id}/executions', { params: { path: { id: fund.id } } })),
  });
  const option = useMemo(() => chartOption(fund.year, records.data ?? []), [fund.year, records.data]);

  if (summary.error) return <ErrorPage error={summary.error} />;
  if (records.error) return <ErrorPage error={records.error} />;
  if (!summary.data) return <Loading />;
  const s = summary.data;
  const t = s.total;
  const rows: StatusRow[] = s.subItems.map((i) => ({ ...i, key: i.subItemId }));
  const money = (v: string) => formatMoney(v);
  const allRecords = records.data ?? [];
  const shownMonth = recordMonth ?? s.asOf;
  const recordMonths = [...new Set([s.asOf, ...allRecords.map((r) => r.month)])].sort().reverse();
  const shown = allRecords.filter((r) => !shownMonth || r.month === shownMonth).reverse();

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span>资金执行情况</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="execution-as-of">
              截至{formatMonth(s.asOf)}，时间进度 {formatPercent(s.elapsedShare)}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              format="YYYY年M月"
              placeholder="统计截至月份"
              value={asOf ? dayjs(`${asOf}-01`) : null}
              onChange={(d) => setAsOf(d ? d.format('YYYY-MM') : undefined)}
              disabledDate={(d) => d.year() !== fund.year}
              style={{ width: 160 }}
              data-testid="execution-as-of-picker"
            />
            {canReport && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={fund.subItems.length === 0}
                onClick={() => setDraft({ month: s.asOf })}
                data-testid="record-execution"
              >
                填报执行数
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={[16, 16]} data-testid="execution-rates">
          <Col xs={12} md={8} xl={4}>
            <Statistic title="年度预算（万元）" value={money(t.budget)} />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="累计到位（万元）" value={money(t.received)} />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="累计支出（万元）" value={money(t.spent)} />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="资金到位率" value={formatPercent(t.fundingRate)} data-testid="funding-rate" />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="预算执行率" value={formatPercent(t.executionRate)} data-testid="execution-rate" />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="序时应支出（万元）" value={money(t.expectedSpent)} />
            <Space size={4} wrap>
              <Typography.Text type="secondary">完成序时 {formatPercent(t.paceRate)}</Typography.Text>
              <LagTag status={t} />
            </Space>
          </Col>
        </Row>
        {t.lagging && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={`截至${formatMonth(s.asOf)}累计支出 ${formatWan(t.spent)}，低于序时进度应支出 ${formatWan(t.expectedSpent)}`}
            data-testid="execution-lagging"
          />
        )}
      </Card>
      <Card size="small" title="分子项执行情况">
        {rows.length === 0 ? (
          <Empty description="尚未设置子项，请在“基本信息”中添加子项后再填报执行数" />
        ) : (
          <Table<StatusRow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 1100 }}
            data-testid="execution-sub-items"
            columns={[
              { title: '子项', dataIndex: 'name', fixed: 'left', width: 220 },
              { title: '预算（万元）', key: 'b', align: 'right', render: (_, r) => money(r.budget) },
              { title: '半年计划（万元）', key: 'h', align: 'right', render: (_, r) => money(r.halfYearPlan) },
              { title: '累计到位（万元）', key: 'r', align: 'right', render: (_, r) => money(r.received) },
              { title: '累计支出（万元）', key: 's', align: 'right', render: (_, r) => money(r.spent) },
              { title: '资金到位率', key: 'fr', align: 'right', render: (_, r) => formatPercent(r.fundingRate) },
              { title: '预算执行率', key: 'er', align: 'right', render: (_, r) => formatPercent(r.executionRate) },
              { title: '序时应支出（万元）', key: 'e', align: 'right', render: (_, r) => money(r.expectedSpent) },
              { title: '完成序时', key: 'p', align: 'right', render: (_, r) => formatPercent(r.paceRate) },
              { title: '进度', key: 'lag', width: 130, render: (_, r) => <LagTag status={r} /> },
            ]}
            summary={() => (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {money(t.budget)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {money(t.halfYearPlan)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {money(t.received)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {money(t.spent)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {formatPercent(t.fundingRate)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {formatPercent(t.executionRate)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    {money(t.expectedSpent)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {formatPercent(t.paceRate)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9}>
                    <LagTag status={t} />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            )}
          />
        )}
      </Card>
      <Card size="small" title={`${fund.year}年逐月到位与支出`}>
        {records.data && records.data.length > 0 ? (
          <Chart option={option} height={280} testId="execution-chart" />
        ) : (
          <Empty description="暂无执行记录" />
        )}
      </Card>
      <Card
        size="small"
        title="执行记录"
        extra={
          <Select
            value={shownMonth}
            onChange={setRecordMonth}
            style={{ width: 140 }}
            options={[
              ...recordMonths.map((m) => ({ value: m, label: formatMonth(m) })),
              { value: '', label: '全部月份' },
            ]}
            aria-label="记录月份"
            data-testid="execution-records-month"
          />
        }
      >
        <Table<ExecutionRow>
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={shown}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '暂无执行记录' }}
          data-testid="execution-records"
          columns={[
            { title: '月份', key: 'm', width: 110, render: (_, r) => formatMonth(r.month) },
            { title: '子项', dataIndex: 'subItemName', width: 240 },
            { title: '本月到位（万元）', key: 'r', width: 140, align: 'right', render: (_, r) => money(r.received) },
            { title: '本月支出（万元）', key: 's', width: 140, align: 'right', render: (_, r) => money(r.spent) },
            { title: '垫付说明', key: 'a', render: (_, r) => r.advanceReason || '—' },
            { title: '备注', key: 'n', render: (_, r) => r.note || '—' },
            { title: '更新时间', key: 'u', width: 160, render: (_, r) => formatDateTime(r.updatedAt) },
            ...(canReport
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 80,
                    render: (_: unknown, r: ExecutionRow) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setDraft({ subItemId: r.subItemId, month: r.month })}
                      >
                        修改
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ExecutionModal
        fund={fund}
        draft={draft}
        rows={records.data ?? []}
        onClose={() => setDraft(null)}
        onSaved={(row) => {
          setDraft(null);
          setRecordMonth(row.month);
          // A month's record moves the rates of every month from it on.
          void queryClient.invalidateQueries({ queryKey: keys.fundExecutions(fund.id) });
          void queryClient.invalidateQueries({ queryKey: keys.fundExecutionSummaries(fund.id) });
        }}
      />
    </Space>
  );
}
