import { answer, client } from '../api/client';
import { useState } from 'react';
import { Alert, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorPage, Loading } from '../components';
import { TargetCellModal, type TargetCell } from '../plans/TargetCellModal';
import type { BreakdownRow, Mismatch } from '../api/types';
import { keys, usePlanList } from '../queries';
import { useSession } from '../session';

const MISMATCH_BG = '#fff1f0';

function mismatchText(m: Mismatch): string {
  const diff = m.difference.startsWith('-') ? m.difference : `+${m.difference}`;
  return `${m.year}年：${m.parentUnit}目标 ${m.parentTarget}，下级单位合计 ${m.sum}（相差 ${diff}）`;
}

/** 目标分解: one indicator's targets, units × years, with every additive sum that does not match its parent flagged. */
export default function BreakdownPage() {
  const { plan: sessionPlan, hasRole } = useSession();
  const queryClient = useQueryClient();
  const plans = usePlanList();
  const [planId, setPlanId] = useState<string | null>(sessionPlan?.id ?? null);
  const currentPlan = planId ?? plans.data?.items[0]?.id ?? null;
  const matrix = useQuery({
    queryKey: keys.planBreakdown(currentPlan ?? ''),
    queryFn: () => answer(client.GET('/api/plans/{id}/breakdown', { params: { path: { id: currentPlan! } } })),
    enabled: !!currentPlan,
  });
  const [indicatorId, setIndicatorId] = useState<string | null>(null);
  const [editing, setEditing] = useState<TargetCell | null>(null);
  const canEdit = hasRole('office', 'admin');

  if (plans.error) return <ErrorPage error={plans.error} />;
  if (matrix.error) return <ErrorPage error={matrix.error} />;

  const data = matrix.data;
  const indicator = data?.indicators.find((i) => i.id === indicatorId) ?? data?.indicators[0];
  const mismatches = indicator ? (data?.mismatches ?? []).filter((m) => m.indicatorId === indicator.id) : [];
  const rows = indicator
    ? (data?.rows ?? []).filter((r) => indicator.years.some((y) => r.cells[`${indicator.id}:${y}`] != null))
    : [];
  const flagged = (r: BreakdownRow, year: number) =>
    mismatches.some((m) => m.year === year && m.parentUnit === r.unitName);
  const otherMismatches = (data?.mismatches ?? []).length - mismatches.length;

  return (
    <Card
      title="目标分解（任务分解表）"
      extra={
        <Space wrap>
          <Select
            value={currentPlan ?? undefined}
            onChange={(v) => {
              setPlanId(v);
              setIndicatorId(null);
            }}
            loading={plans.isFetching}
            style={{ width: 320 }}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            placeholder="选择工作方案"
            data-testid="breakdown-plan"
          />
          <Select
            value={indicator?.id}
            onChange={setIndicatorId}
            style={{ width: 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={(data?.indicators ?? []).map((i) => ({
              value: i.id,
              label: `${(data?.mismatches ?? []).some((m) => m.indicatorId === i.id) ? '⚠ ' : ''}${i.name}`,
            }))}
            placeholder="选择指标"
            data-testid="breakdown-indicator"
          />
        </Space>
      }
    >
      {matrix.isLoading || (!currentPlan && plans.isPending) ? (
        <Loading />
      ) : !indicator ? (
        <Empty description="该方案没有分解到各单位的目标" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {mismatches.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`“${indicator.name}”的下级目标合计与上级目标不符（${mismatches.length}处）`}
              description={mismatches.map((m) => (
                <div key={`${m.year}:${m.parentUnit}`}>{mismatchText(m)}</div>
              ))}
              data-testid="breakdown-mismatch"
            />
          ) : (
            indicator.aggregation === 'additive' && (
              <Alert
                type="success"
                showIcon
                title={`“${indicator.name}”各单位目标合计与上级目标一致`}
                data-testid="breakdown-ok"
              />
            )
          )}
          {otherMismatches > 0 && (
            <Typography.Text type="warning">
              其他指标还有 {otherMismatches} 处合计不符，指标名前标有 ⚠。
            </Typography.Text>
          )}
          <Space wrap>
            <Tag>
              {indicator.aggregation === 'additive'
                ? '可加总指标：下级目标之和应等于上级目标'
                : '比率类指标：不核对合计'}
            </Tag>
            {indicator.unitOfMeasure && <Tag>单位：{indicator.unitOfMeasure}</Tag>}
            {canEdit && <Typography.Text type="secondary">点击单元格可修改目标值</Typography.Text>}
          </Space>
          <Table<BreakdownRow>
            rowKey="unitId"
            size="small"
            bordered
            pagination={false}
            dataSource={rows}
            scroll={{ x: 200 + indicator.years.length * 140, y: 460 }}
            data-testid="breakdown-table"
            columns={[
              {
                title: '单位',
                dataIndex: 'unitName',
                fixed: 'left',
                width: 180,
                render: (name: string, r) =>
                  r.isCity ? <Typography.Text strong>{name}（全市）</Typography.Text> : name,
              },
              ...indicator.years.map((year) => ({
                title: (
                  <Space size={4}>
                    {`${year}年`}
                    {mismatches.some((m) => m.year === year) && (
                      <Tooltip title="该年度合计不符">
                        <WarningOutlined style={{ color: '#cf1322' }} />
                      </Tooltip>
                    )}
                  </Space>
                ),
                key: String(year),
                width: 140,
                align: 'right' as const,
                onCell: (r: BreakdownRow) => ({
                  style: {
                    background: flagged(r, year) ? MISMATCH_BG : undefined,
                    cursor: canEdit ? 'pointer' : undefined,
                  },
                  onClick: canEdit
                    ? () =>
                        setEditing({
                          planId: currentPlan!,
                          indicator,
                          unitId: r.unitId,
                          unitName: r.unitName,
                          year,
                          value: r.cells[`${indicator.id}:${year}`] ?? null,
                        })
                    : undefined,
                  'data-unit': r.unitName,
                  'data-year': year,
                  'data-mismatch': flagged(r, year) ? 'true' : 'false',
                }),
                render: (_: unknown, r: BreakdownRow) => {
                  const v = r.cells[`${indicator.id}:${year}`];
                  const m = mismatches.find((x) => x.year === year && x.parentUnit === r.unitName);
                  const text = v ?? '—';
                  return m ? (
                    <Tooltip title={mismatchText(m)}>
                      <Typography.Text type="danger">{text}</Typography.Text>
                    </Tooltip>
                  ) : (
                    text
                  );
                },
              })),
            ]}
          />
        </Space>
      )}
      <TargetCellModal
        cell={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          if (currentPlan) void queryClient.invalidateQueries({ queryKey: keys.planBreakdown(currentPlan) });
        }}
      />
    </Card>
  );
}
