import { useMemo } from 'react';
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { answer, client } from '../api/client';
import { Chart } from '../Chart';
import { ErrorPage, Loading } from '../components';
import { progressLabels, statusLabels, timelinessColors, timelinessLabels } from '../format';
import { keys } from '../queries';
import { useSession } from '../session';
import type {
  Bulletin,
  BulletinSummary,
  CompletenessMatrix,
  ProjectList,
  ReportRow,
  ReportRowPage,
  ReportStatus,
} from '../api/types';

interface DashboardData {
  bulletin: Bulletin | null;
  matrix: CompletenessMatrix;
  statusTotals: Record<string, number>;
  progress: Record<string, number>;
  investment: { county: string; planned: number; done: number }[];
}

const REPORT_STATUSES: ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];

async function loadDashboard(planId: string, year: number): Promise<DashboardData> {
  const [bulletins, matrix, reports, projects, projectReports, ...statusPages] = await Promise.all([
    answer(client.GET('/api/plans/{id}/bulletins', { params: { path: { id: planId } } })).catch(
      (): BulletinSummary[] => [],
    ),
    answer(client.GET('/api/plans/{id}/completeness', { params: { path: { id: planId }, query: { year } } })),
    answer(client.GET('/api/reports', { params: { query: { planId, subjectType: 'assignment', pageSize: 200 } } })),
    answer(client.GET('/api/plans/{id}/projects', { params: { path: { id: planId } } })).catch((): ProjectList => ({
      items: [],
      stages: [],
    })),
    answer(client.GET('/api/reports', { params: { query: { planId, subjectType: 'project', pageSize: 200 } } })).catch(
      (): ReportRowPage => ({ items: [], total: 0, page: 1, pageSize: 200 }),
    ),
    ...REPORT_STATUSES.map((status) =>
      answer(client.GET('/api/reports', { params: { query: { planId, status, pageSize: 1 } } })),
    ),
  ]);
  const latest = [...bulletins].sort((a, b) => b.quarterKey.localeCompare(a.quarterKey) || b.revision - a.revision)[0];
  const bulletin = latest
    ? await answer(client.GET('/api/bulletins/{id}', { params: { path: { id: latest.id } } }))
    : null;
  const statusTotals: Record<string, number> = {};
  REPORT_STATUSES.forEach((s, i) => (statusTotals[s] = statusPages[i].total));
  // Latest report per assignment: its progress status.
  const bySubject = new Map<string, ReportRow>();
  for (const r of reports.items) {
    const prev = bySubject.get(r.subjectId);
    if (!prev || (r.submittedAt ?? r.updatedAt) > (prev.submittedAt ?? prev.updatedAt)) bySubject.set(r.subjectId, r);
  }
  const progress: Record<string, number> = {};
  for (const r of bySubject.values())
    if (r.progressStatus) progress[r.progressStatus] = (progress[r.progressStatus] ?? 0) + 1;
  // Key projects: latest investment to date against the annual plan, per county.
  const latestInvest = new Map<string, number>();
  const latestAt = new Map<string, string>();
  for (const r of projectReports.items) {
    const at = r.submittedAt ?? r.updatedAt;
    if (r.investmentToDate !== null && (!latestAt.has(r.subjectId) || at > latestAt.get(r.subjectId)!)) {
      latestAt.set(r.subjectId, at);
      latestInvest.set(r.subjectId, Number(r.investmentToDate));
    }
  }
  const counties = new Map<string, { planned: number; done: number }>();
  for (const p of projects.items) {
    const c = counties.get(p.countyName || '其他') ?? { planned: 0, done: 0 };
    c.planned += Number(p.annualInvestment);
    c.done += latestInvest.get(p.id) ?? 0;
    counties.set(p.countyName || '其他', c);
  }
  const investment = [...counties.entries()].map(([county, v]) => ({ county, ...v })).filter((c) => c.planned > 0);
  return { bulletin, matrix, statusTotals, progress, investment };
}

function tierOption(label: string, rows: { unitName: string; total: string }[]): EChartsCoreOption {
  const sorted = [...rows].sort((a, b) => Number(a.total) - Number(b.total));
  return {
    title: { text: label, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, name: '得分' },
    yAxis: { type: 'category', data: sorted.map((r) => r.unitName), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: sorted.map((r) => Number(r.total)),
        itemStyle: { color: '#1d5fbf' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export default function DashboardPage() {
  const { plan } = useSession();
  const { data, error } = useQuery({
    queryKey: keys.dashboard(plan!.id, plan!.startYear),
    queryFn: () => loadDashboard(plan!.id, plan!.startYear),
  });

  const options = useMemo(() => {
    if (!data) return null;
    const { matrix } = data;
    const dueMonths = matrix.months.filter((m) =>
      matrix.rows.some((r) => r.cells[m] && r.cells[m].status !== 'pending'),
    );
    const month = dueMonths[dueMonths.length - 1] ?? matrix.months[matrix.months.length - 1];
    const counts: Record<string, number> = { on_time: 0, late: 0, missing: 0, pending: 0 };
    for (const r of matrix.rows) {
      const s = r.cells[month]?.status;
      if (s) counts[s] = (counts[s] ?? 0) + 1;
    }
    const completeness: EChartsCoreOption = {
      title: { text: `${month}月报送情况（单位数）`, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          data: Object.entries(counts)
            .filter(([, v]) => v > 0)
            .map(([k, v]) => ({ name: timelinessLabels[k], value: v, itemStyle: { color: timelinessColors[k] } })),
        },
      ],
    };
    const monthly: EChartsCoreOption = {
      title: { text: '各月报送情况', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: matrix.months.map((m) => `${m}月`) },
      yAxis: { type: 'value' },
      series: ['on_time', 'late', 'missing', 'pending'].map((k) => ({
        name: timelinessLabels[k],
        type: 'bar',
        stack: 'total',
        itemStyle: { color: timelinessColors[k] },
        data: matrix.months.map((m) => matrix.rows.filter((r) => r.cells[m]?.status === k).length),
      })),
    };
    const progressColors: Record<string, string> = {
      on_track: '#52c41a',
      at_risk: '#faad14',
      lagging: '#f5222d',
      done: '#1d5fbf',
    };
    const tasks: EChartsCoreOption = {
      title: { text: '任务推进状态（最新报告）', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: '62%',
          data: Object.entries(data.progress).map(([k, v]) => ({
            name: progressLabels[k] ?? k,
            value: v,
            itemStyle: { color: progressColors[k] },
          })),
        },
      ],
    };
    const investment: EChartsCoreOption = {
      title: { text: '重点项目年度投资完成（万元）', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: data.investment.map((c) => c.county), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value' },
      series: [
        { name: '年度计划', type: 'bar', data: data.investment.map((c) => c.planned), itemStyle: { color: '#bfbfbf' } },
        { name: '累计完成', type: 'bar', data: data.investment.map((c) => c.done), itemStyle: { color: '#1d5fbf' } },
      ],
    };
    return { completeness, monthly, tasks, investment, counts, month };
  }, [data]);

  if (error) return <ErrorPage error={error} />;
  if (!data || !options) return <Loading />;
  const tiers = data.bulletin?.snapshot.tiers ?? [];

  return (
    <div data-testid="dashboard">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={`${options.month}月按时报送单位`}
              value={options.counts.on_time}
              suffix={`/ ${data.matrix.rows.length}`}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={`${options.month}月未报单位`}
              value={options.counts.missing}
              styles={{ content: { color: timelinessColors.missing } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={`待审核报告（${statusLabels.submitted}）`} value={data.statusTotals.submitted ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已通过报告" value={data.statusTotals.accepted ?? 0} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={data.bulletin ? `县（市、区）分类排名 — ${data.bulletin.snapshot.title}` : '县（市、区）分类排名'}
          >
            {tiers.length === 0 ? (
              <Empty description="暂无已发布的季度通报" />
            ) : (
              <Row gutter={16}>
                {tiers.map((t) => (
                  <Col xs={24} lg={8} key={t.tier}>
                    <Chart
                      option={tierOption(t.label, t.rows)}
                      height={Math.max(260, t.rows.length * 30 + 60)}
                      testId={`tier-chart-${t.tier}`}
                    />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small">
            <Chart option={options.completeness} testId="completeness-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small">
            <Chart option={options.monthly} testId="monthly-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small">
            <Chart option={options.tasks} testId="task-chart" />
          </Card>
        </Col>
        {data.investment.length > 0 && (
          <Col xs={24}>
            <Card size="small">
              <Chart option={options.investment} height={340} testId="investment-chart" />
            </Card>
          </Col>
        )}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        数据来源：季度通报快照、月度报送情况与最新报告；排名仅在同类县（市、区）之间比较。
      </Typography.Paragraph>
    </div>
  );
}
