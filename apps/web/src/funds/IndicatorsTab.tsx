import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Dropdown, Radio, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { download, messageOf } from '../api';
import { answer, client } from '../api/client';
import { ErrorPage } from '../components';
import { keys } from '../queries';
import { ActualModal, TargetModal } from './IndicatorModals';
import { SpreadsheetImport } from './SpreadsheetImport';
import { attainmentColors, attainmentLabels, MERGED, mergedSpans, periodLabels } from './types';
import type { ActualPeriod, ActualView, FundDetail, Indicator } from '../api/types';

function Actual({ actual }: { actual: ActualView | null }) {
  if (!actual) return <Typography.Text type="secondary">未填报</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{actual.text}</span>
      <Tag color={attainmentColors[actual.attainment]} data-attainment={actual.attainment}>
        {attainmentLabels[actual.attainment]}
      </Tag>
    </Space>
  );
}

/** 绩效目标: the three-level target table with half- and full-year targets, actuals and attainment. */
export function IndicatorsTab({
  fund,
  canManage,
  canReport,
}: {
  fund: FundDetail;
  canManage: boolean;
  canReport: boolean;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const indicators = useQuery({
    queryKey: keys.fundIndicators(fund.id),
    queryFn: () => answer(client.GET('/api/fund-projects/{id}/indicators', { params: { path: { id: fund.id } } })),
  });
  const indicatorsChanged = () => queryClient.invalidateQueries({ queryKey: keys.fundIndicators(fund.id) });
  const [editingTarget, setEditingTarget] = useState<Indicator | null>(null);
  const [entering, setEntering] = useState<{ indicator: Indicator; period: ActualPeriod } | null>(null);
  const [importing, setImporting] = useState(false);
  const [importPeriod, setImportPeriod] = useState<ActualPeriod>('full');
  const rows = useMemo(() => indicators.data ?? [], [indicators.data]);
  const level1Spans = useMemo(() => mergedSpans(rows, (r) => r.level1), [rows]);
  const level2Spans = useMemo(() => mergedSpans(rows, (r) => `${r.level1}\u0000${r.level2}`), [rows]);
  if (indicators.error) return <ErrorPage error={indicators.error} />;

  const counts = { met: 0, partly_met: 0, not_met: 0, none: 0 };
  for (const r of rows) counts[r.full ? r.full.attainment : 'none']++;

  async function get(path: string, name: string) {
    try {
      await download(`/api/fund-projects/${fund.id}/${path}`, name);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  /** A saved target or actual: close the dialog and read the table again (attainment is the API's judgement). */
  function saved() {
    setEditingTarget(null);
    setEntering(null);
    void indicatorsChanged();
  }

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>绩效目标表（{rows.length}项指标）</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="attainment-counts">
            全年：达标 {counts.met} 项，部分达标 {counts.partly_met} 项，未达标 {counts.not_met} 项，未填报{' '}
            {counts.none} 项
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <Dropdown
            menu={{
              items: [
                { key: 'operator-columns', label: '目标表（计算符号、目标值、单位分列）' },
                { key: 'half-and-full', label: '目标表（半年与全年指标值）' },
              ],
              onClick: ({ key }) => void get(`targets.xlsx?layout=${key}`, `${fund.name}绩效目标表.xlsx`),
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="download-targets">
              下载目标表 <DownOutlined />
            </Button>
          </Dropdown>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void get('actuals-template.xlsx', `${fund.name}实际完成值模板.xlsx`)}
            data-testid="download-actuals-template"
          >
            下载实际完成值模板
          </Button>
          {canReport && (
            <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)} data-testid="import-actuals">
              导入实际完成值
            </Button>
          )}
        </Space>
      }
    >
      <Table<Indicator>
        rowKey="id"
        size="small"
        bordered
        loading={indicators.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: canManage || canReport ? 1300 : 1150 }}
        locale={{ emptyText: '尚无绩效目标，办公室可在专项资金列表中导入绩效目标表' }}
        data-testid="indicator-table"
        onRow={(r) => ({ 'data-indicator': r.level3 }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '序号', key: 'n', width: 50, render: (_, __, i) => i + 1 },
          {
            title: '一级指标',
            dataIndex: 'level1',
            width: 90,
            onCell: (_, i) => ({ rowSpan: level1Spans[i ?? 0], style: MERGED }),
          },
          {
            title: '二级指标',
            dataIndex: 'level2',
            width: 90,
            onCell: (_, i) => ({ rowSpan: level2Spans[i ?? 0], style: MERGED }),
          },
          { title: '三级指标', dataIndex: 'level3', width: 190 },
          { title: '单位', dataIndex: 'unit', width: 56, render: (u: string) => u || '—' },
          { title: '半年目标', dataIndex: 'halfYearText', width: 100, render: (t: string) => t || '—' },
          { title: '全年目标', dataIndex: 'fullYearText', width: 110 },
          { title: '半年实际', key: 'half', width: 140, render: (_, r) => <Actual actual={r.half} /> },
          { title: '全年实际', key: 'full', width: 140, render: (_, r) => <Actual actual={r.full} /> },
          {
            title: '偏离原因',
            key: 'reason',
            width: 200,
            render: (_, r) => {
              const reasons = (['half', 'full'] as const)
                .filter((p) => r[p]?.deviationReason)
                .map((p) => `${periodLabels[p]}：${r[p]!.deviationReason}`);
              return reasons.length ? reasons.map((t) => <div key={t}>{t}</div>) : '—';
            },
          },
          ...(canManage || canReport
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: canManage ? 150 : 90,
                  fixed: 'right' as const,
                  render: (_: unknown, r: Indicator) => (
                    <Space size={4}>
                      {canManage && (
                        <Button
                          size="small"
                          onClick={() => setEditingTarget(r)}
                          data-testid={`edit-target-${r.position}`}
                        >
                          改目标
                        </Button>
                      )}
                      {canReport && (
                        <Button
                          size="small"
                          onClick={() =>
                            setEntering({ indicator: r, period: r.full || !r.halfYearTarget ? 'full' : 'half' })
                          }
                          data-testid={`enter-actual-${r.position}`}
                        >
                          填实际
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <TargetModal
        projectId={fund.id}
        indicator={editingTarget}
        onClose={() => setEditingTarget(null)}
        onSaved={saved}
      />
      <ActualModal
        projectId={fund.id}
        indicator={entering?.indicator ?? null}
        period={entering?.period ?? 'full'}
        onClose={() => setEntering(null)}
        onSaved={saved}
      />
      <SpreadsheetImport
        open={importing}
        title="导入实际完成值"
        path={`/api/fund-projects/${fund.id}/imports/actuals`}
        template={{
          path: `/api/fund-projects/${fund.id}/actuals-template.xlsx`,
          filename: `${fund.name}实际完成值模板.xlsx`,
        }}
        query={{ period: importPeriod }}
        hint={
          '请使用“下载实际完成值模板”得到的表格填写，' + '实际完成值须与目标值同一单位。' + '先预检，确认无误后再导入。'
        }
        controls={
          <Radio.Group
            value={importPeriod}
            onChange={(e) => setImportPeriod(e.target.value as ActualPeriod)}
            optionType="button"
            options={(['half', 'full'] as const).map((p) => ({ value: p, label: `${periodLabels[p]}实际完成值` }))}
            data-testid="import-actuals-period"
          />
        }
        onClose={() => setImporting(false)}
        onCommitted={() => void indicatorsChanged()}
      />
    </Card>
  );
}
