import { useMemo } from 'react';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { answer, client } from '../api/client';
import { download, messageOf } from '../api';
import { ErrorPage, Loading } from '../components';
import {
  kindCounters,
  kindLabels,
  LIGHT_LEGEND,
  lightColors,
  lightLabels,
  shortfallText,
  tierLabels,
  withMeasure,
  type LaggingItem,
} from '../lagging/labels';
import { keys } from '../queries';
import { useSession } from '../session';

type Filter = { kind?: LaggingItem['kind']; light?: 'red' | 'yellow'; tier?: number; unitId?: string };

function filterOf(params: URLSearchParams): Filter {
  const kind = params.get('kind');
  const light = params.get('light');
  const tier = params.get('tier');
  return {
    kind: kind === 'task' || kind === 'indicator' || kind === 'project' ? kind : undefined,
    light: light === 'red' || light === 'yellow' ? light : undefined,
    tier: tier !== null && /^[0-3]$/.test(tier) ? Number(tier) : undefined,
    unitId: params.get('unitId') ?? undefined,
  };
}

function useLagging(planId: string, filter: Filter) {
  return useQuery({
    queryKey: keys.lagging(planId, filter),
    queryFn: () => answer(client.GET('/api/plans/{id}/lagging', { params: { path: { id: planId }, query: filter } })),
  });
}

/** 滞后清单: what is behind the time-elapsed line (序时进度), by unit, with the shortfall; filters live in the address. */
export default function LaggingPage() {
  const { plan } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const { data, error } = useLagging(plan!.id, filter);
  // The unit picker offers every unit with something lagging under the other filters.
  const { data: units } = useLagging(plan!.id, { ...filter, unitId: undefined });

  const set = (name: keyof Filter, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, String(value));
    setParams(next);
  };

  const unitOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of units?.items ?? []) {
      if (i.countyId && i.countyName) seen.set(i.countyId, i.countyName);
      else seen.set(i.unitId, i.unitName);
    }
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [units]);

  if (error) return <ErrorPage error={error} />;
  if (!data) return <Loading />;
  const counts = { task: 0, indicator: 0, project: 0 };
  for (const i of data.items) counts[i.kind]++;
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();

  return (
    <Card
      title={`滞后清单（截至${data.year}年${data.month}月底）`}
      data-testid="lagging-page"
      extra={
        <Button
          icon={<DownloadOutlined />}
          data-testid="lagging-xlsx"
          onClick={() =>
            void download(`/api/plans/${plan!.id}/lagging.xlsx${query ? `?${query}` : ''}`, '滞后清单.xlsx').catch(
              (e: unknown) => message.error(messageOf(e)),
            )
          }
        >
          导出 Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="lagging-kind"
          style={{ width: 120 }}
          value={filter.kind ?? ''}
          onChange={(v) => set('kind', v)}
          options={[
            { value: '', label: '全部类别' },
            ...Object.entries(kindLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Select
          data-testid="lagging-light"
          style={{ width: 120 }}
          value={filter.light ?? ''}
          onChange={(v) => set('light', v)}
          options={[
            { value: '', label: '全部预警' },
            { value: 'red', label: '红灯' },
            { value: 'yellow', label: '黄灯' },
          ]}
        />
        <Select
          data-testid="lagging-tier"
          style={{ width: 130 }}
          value={filter.tier === undefined ? '' : String(filter.tier)}
          onChange={(v) => set('tier', v)}
          options={[
            { value: '', label: '全部县区类别' },
            ...Object.entries(tierLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Select
          data-testid="lagging-unit"
          style={{ width: 200 }}
          showSearch
          optionFilterProp="label"
          allowClear
          placeholder="全部单位"
          value={filter.unitId}
          onChange={(v?: string) => set('unitId', v)}
          options={unitOptions}
        />
      </Space>
      <Typography.Paragraph data-testid="lagging-summary">
        滞后事项 {data.items.length} 项：
        {(['task', 'indicator', 'project'] as const)
          .map((k) => `${kindLabels[k]} ${counts[k]} ${kindCounters[k]}`)
          .join('，')}
        。任务推进：共 {data.taskStates.total} 项，正常推进 {data.taskStates.onTrack} 项，滞后 {data.taskStates.lagging}{' '}
        项，已完成 {data.taskStates.done} 项。
      </Typography.Paragraph>
      <Table<LaggingItem>
        rowKey={(i) => `${i.kind}:${i.subjectId}:${i.unitId}`}
        size="small"
        dataSource={data.items}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 960 }}
        columns={[
          {
            title: '预警',
            dataIndex: 'light',
            width: 70,
            render: (l: LaggingItem['light']) => <Tag color={lightColors[l]}>{lightLabels[l]}</Tag>,
          },
          { title: '类别', dataIndex: 'kind', width: 60, render: (k: LaggingItem['kind']) => kindLabels[k] },
          { title: '事项', dataIndex: 'label', ellipsis: true },
          {
            title: '责任单位',
            dataIndex: 'unitName',
            width: 130,
            sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
          },
          {
            title: '所属县（市、区）',
            key: 'county',
            width: 150,
            render: (_, i) => (i.countyName ? `${i.countyName}（${tierLabels[i.tier ?? 0]}）` : '市直单位'),
          },
          { title: '实际完成', key: 'actual', width: 130, render: (_, i) => withMeasure(i.actual, i.measure) },
          { title: '序时要求', key: 'expected', width: 130, render: (_, i) => withMeasure(i.expected, i.measure) },
          {
            title: '差距',
            key: 'shortfall',
            width: 140,
            sorter: (a, b) => Number(a.shortfall) - Number(b.shortfall),
            render: (_, i) => shortfallText(i),
          },
          {
            title: '数据月份',
            dataIndex: 'reportedMonth',
            width: 80,
            render: (m: number | null) => (m === null ? '未报' : `${m}月`),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="lagging-legend">
        {LIGHT_LEGEND}
        任务按最新报送的完成进度计，指标按截至当月的累计值计（比率类指标按全年目标计），
        {'重点项目按累计完成投资与年度计划投资 × 序时进度比较；未报送或被退回未重报的按 0 计。'}
      </Typography.Paragraph>
    </Card>
  );
}
