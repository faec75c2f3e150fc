import { useMemo } from 'react';
import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useNavigate } from 'react-router-dom';
import { answer, client, type Schema } from '../api/client';
import { Chart } from '../Chart';
import { ErrorPage, Loading } from '../components';
import {
  kindLabels,
  LIGHT_LEGEND,
  lightColors,
  lightLabels,
  shortfallText,
  type LaggingItem,
  type Light,
} from '../lagging/labels';
import { keys } from '../queries';
import { useSession } from '../session';

type Bulletin = Schema<'StoredBulletin'>;
type Matrix = Schema<'CompletenessMatrix'>;
type Lagging = Schema<'LaggingReport'>;

const TOP = 10;

interface DashboardData {
  lagging: Lagging;
  matrix: Matrix;
  bulletin: Bulletin | null;
}

async function loadDashboard(planId: string): Promise<DashboardData> {
  const [lagging, bulletins] = await Promise.all([
    answer(client.GET('/api/plans/{id}/lagging', { params: { path: { id: planId } } })),
    answer(client.GET('/api/plans/{id}/bulletins', { params: { path: { id: planId } } })),
  ]);
  const latest = [...bulletins].sort((a, b) => b.quarterKey.localeCompare(a.quarterKey) || b.revision - a.revision)[0];
  const [matrix, bulletin] = await Promise.all([
    answer(
      client.GET('/api/plans/{id}/completeness', { params: { path: { id: planId }, query: { year: lagging.year } } }),
    ),
    latest ? answer(client.GET('/api/bulletins/{id}', { params: { path: { id: latest.id } } })) : Promise.resolve(null),
  ]);
  return { lagging, matrix, bulletin };
}

/** The three states of the plan's tasks; each slice opens the list behind it. */
const STATES = [
  // Not the 红灯 red: a lagging task may be 黄灯; the lights below tell them apart.
  { key: 'lagging', label: '滞后', color: '#fa541c' },
  { key: 'onTrack', label: '正常推进', color: lightColors.green },
  { key: 'done', label: '已完成', color: '#1d5fbf' },
] as const;

function taskStateOption(states: Lagging['taskStates']): EChartsCoreOption {
  return {
    title: { text: `任务推进状态（共 ${states.total} 项）`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item', formatter: '{b}：{c}项（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['30%', '55%'],
        center: ['50%', '52%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}项', fontSize: 13, lineHeight: 18 },
        labelLine: { length: 8, length2: 8 },
        data: STATES.filter((s) => states[s.key] > 0).map((s) => ({
          name: s.label,
          value: states[s.key],
          itemStyle: { color: s.color },
        })),
      },
    ],
  };
}

function countyOption(rows: Matrix['rows']): EChartsCoreOption {
  return {
    title: { text: '县（市、区）报送按时率（%）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    // The county names open the history too: a county at 0 % has no bar to click.
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.unitName),
      axisLabel: { width: 110, overflow: 'truncate' },
      triggerEvent: true,
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: Number(r.rate ?? 0), label: { formatter: `${r.rate}%` } })),
        itemStyle: { color: '#1d5fbf' },
        barMinHeight: 3,
        label: { show: true, position: 'right' },
      },
    ],
  };
}

function tierOption(label: string, rows: { unitName: string; total: string }[]): EChartsCoreOption {
  return {
    title: { text: label, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}分` },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, name: '得分' },
    yAxis: { type: 'category', data: rows.map((r) => r.unitName), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        // The printed total as the bulletin has it (two decimals), with its unit.
        data: rows.map((r) => ({ value: Number(r.total), label: { formatter: `${r.total}分` } })),
        itemStyle: { color: '#1d5fbf' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

function LightCount({ light, count, to }: { light: Light; count: number; to?: string }) {
  const body = (
    <Space data-testid={`light-${light}`}>
      <span
        aria-hidden
        style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 7, background: lightColors[light] }}
      />
      <span>
        {lightLabels[light]} {count} 项
      </span>
    </Space>
  );
  return to && count > 0 ? <Link to={to}>{body}</Link> : body;
}

/** The leaders' view of how the plan is going: tasks by state, what lags, counties' reporting and the ranking. */
export default function DashboardPage() {
  const { plan } = useSession();
  const navigate = useNavigate();
  const { data, error } = useQuery({
    queryKey: keys.dashboard(plan!.id, plan!.startYear),
    queryFn: () => loadDashboard(plan!.id),
  });

  const counties = useMemo(
    () =>
      (data?.matrix.rows ?? [])
        .filter((r) => r.kind === 'county' && r.rate !== null)
        .sort((a, b) => Number(a.rate) - Number(b.rate)),
    [data],
  );
  const options = useMemo(() => {
    if (!data) return null;
    const tiers = (data.bulletin?.snapshot.tiers ?? []).map((t) => ({
      ...t,
      rows: [...t.rows].sort((a, b) => Number(a.total) - Number(b.total)),
    }));
    return {
      tasks: taskStateOption(data.lagging.taskStates),
      counties: countyOption(counties),
      tiers: tiers.map((t) => ({ tier: t, option: tierOption(t.label, t.rows) })),
    };
  }, [data, counties]);

  if (error) return <ErrorPage error={error} />;
  if (!data || !options) return <Loading />;
  const { lagging } = data;
  const states = lagging.taskStates;
  const byKind = { task: 0, indicator: 0, project: 0 };
  for (const i of lagging.items) byKind[i.kind]++;
  const countyIdByName = new Map(data.matrix.rows.map((r) => [r.unitName, r.unitId]));

  return (
    <div data-testid="dashboard">
      <Typography.Paragraph type="secondary">
        数据截至{lagging.year}年{lagging.month}月底，按序时进度判断；点击图表可查看对应清单。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="任务总数" value={states.total} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate('/lagging?kind=task')}>
            <Statistic
              title="滞后任务"
              value={states.lagging}
              suffix="项"
              styles={{ content: { color: lightColors.red } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate('/lagging?kind=indicator')}>
            <Statistic title="滞后指标" value={byKind.indicator} suffix="个" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate('/lagging?kind=project')}>
            <Statistic title="投资滞后重点项目" value={byKind.project} suffix="个" />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small">
            <Chart
              option={options.tasks}
              height={300}
              testId="task-state-chart"
              onClick={(e) => {
                const state = STATES.find((s) => s.label === e.name)?.key;
                navigate(state === 'lagging' ? '/lagging?kind=task' : `/plans/${plan!.id}`);
              }}
            />
            <Space wrap size="large" data-testid="task-lights" style={{ marginTop: 8 }}>
              <LightCount light="red" count={states.lights.red} to="/lagging?kind=task&light=red" />
              <LightCount light="yellow" count={states.lights.yellow} to="/lagging?kind=task&light=yellow" />
              <LightCount light="green" count={states.lights.green} />
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="light-legend">
              {LIGHT_LEGEND}多个单位分担的任务按其中最滞后的单位计。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={`滞后清单（前 ${Math.min(TOP, lagging.items.length)} 项，共 ${lagging.items.length} 项）`}
            extra={<Link to="/lagging">查看全部</Link>}
            data-testid="dashboard-lagging"
          >
            <Table<LaggingItem>
              size="small"
              pagination={false}
              rowKey={(i) => `${i.kind}:${i.subjectId}:${i.unitId}`}
              dataSource={lagging.items.slice(0, TOP)}
              locale={{ emptyText: '没有滞后于序时进度的事项' }}
              columns={[
                {
                  title: '预警',
                  dataIndex: 'light',
                  width: 64,
                  render: (l: Light) => <Tag color={lightColors[l]}>{lightLabels[l]}</Tag>,
                },
                { title: '类别', dataIndex: 'kind', width: 52, render: (k: LaggingItem['kind']) => kindLabels[k] },
                { title: '事项', dataIndex: 'label', ellipsis: true },
                { title: '单位', dataIndex: 'unitName', width: 110, ellipsis: true },
                { title: '差距', key: 'shortfall', width: 140, render: (_, i) => shortfallText(i) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            {counties.length === 0 ? (
              <Empty description="暂无到期的县（市、区）报送" />
            ) : (
              <Chart
                option={options.counties}
                height={Math.max(300, counties.length * 24 + 60)}
                testId="county-completeness-chart"
                onClick={(e) => {
                  const county =
                    e.componentType === 'yAxis' ? counties.find((c) => c.unitName === e.value) : counties[e.dataIndex];
                  if (county) navigate(`/completeness/${county.unitId}`);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={data.bulletin ? `县（市、区）分类排名 — ${data.bulletin.snapshot.title}` : '县（市、区）分类排名'}
          >
            {options.tiers.length === 0 ? (
              <Empty description="暂无已发布的季度通报" />
            ) : (
              options.tiers.map(({ tier, option }) => (
                <Chart
                  key={tier.tier}
                  option={option}
                  height={Math.max(220, tier.rows.length * 26 + 60)}
                  testId={`tier-chart-${tier.tier}`}
                  onClick={(e) => {
                    const id = countyIdByName.get(String(e.name));
                    navigate(id ? `/lagging?unitId=${id}` : '/bulletins');
                  }}
                />
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        数据来源：各单位月度报送（被退回未重报的不计）、最新发布的季度通报；
        {'排名仅在同类县（市、区）之间比较，点击县区查看其滞后事项。'}
      </Typography.Paragraph>
    </div>
  );
}
