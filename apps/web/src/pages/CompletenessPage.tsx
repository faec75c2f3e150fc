import { answer, client } from '../api/client';
import { useState } from 'react';
import { App, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { messageOf } from '../api';
import { fileOf, saveFile } from '../api/files';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorPage, Loading } from '../components';
import { timelinessColors, timelinessLabels } from '../format';
import { keys, usePeriods } from '../queries';
import { ChaseMissingButton } from '../review/ChaseMissingButton';
import { useSession } from '../session';
import type { CompletenessCell, CompletenessRow } from '../api/types';

const kindLabels: Record<string, string> = { all: '全部', department: '市直单位', county: '县（市、区）' };

function Legend() {
  return (
    <Space wrap>
      {Object.entries(timelinessLabels).map(([k, label]) => (
        <Space key={k} size={4}>
          <span
            style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: timelinessColors[k] }}
          />
          {label}
        </Space>
      ))}
    </Space>
  );
}

function cellText(c: CompletenessCell): string {
  return `应报 ${c.expected}：按时 ${c.onTime}，迟报 ${c.late}，未报 ${c.missing}，未到期 ${c.pending}`;
}

export default function CompletenessPage() {
  const { plan, hasRole } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [kind, setKind] = useState('all');
  const [exporting, setExporting] = useState(false);
  const periods = usePeriods(plan!.id);
  const { data: matrix, error } = useQuery({
    queryKey: keys.completeness(plan!.id, plan!.startYear),
    queryFn: () =>
      answer(
        client.GET('/api/plans/{id}/completeness', {
          params: { path: { id: plan!.id }, query: { year: plan!.startYear } },
        }),
      ),
  });
  if (error) return <ErrorPage error={error} />;
  if (!matrix) return <Loading />;
  const rows = matrix.rows.filter((r) => kind === 'all' || r.kind === kind);
  const dueMonths = matrix.months.filter((m) => matrix.rows.some((r) => r.cells[m] && r.cells[m].status !== 'pending'));
  const lastDue = dueMonths[dueMonths.length - 1];
  const count = (status: string) =>
    lastDue ? matrix.rows.filter((r) => r.cells[lastDue]?.status === status).length : 0;
  const missingShown = lastDue ? rows.filter((r) => r.cells[lastDue]?.status === 'missing') : [];
  const lastDuePeriod = periods.data?.find((p) => p.year === matrix.year && p.month === lastDue);

  async function exportWorkbook() {
    setExporting(true);
    try {
      saveFile(
        await fileOf(
          client.GET('/api/plans/{id}/completeness/export', {
            params: { path: { id: plan!.id }, query: { year: matrix!.year } },
            parseAs: 'blob',
          }),
          `报送情况（${matrix!.year}年）.xlsx`,
        ),
      );
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <Card title={`报送情况（${matrix.year}年）`} extra={<Legend />}>
      {lastDue && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic
              title={`${lastDue}月 按时单位`}
              value={count('on_time')}
              styles={{ content: { color: timelinessColors.on_time } }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={`${lastDue}月 迟报单位`}
              value={count('late')}
              styles={{ content: { color: timelinessColors.late } }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={`${lastDue}月 未报单位`}
              value={count('missing')}
              styles={{ content: { color: timelinessColors.missing } }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="单位数" value={matrix.rows.length} />
          </Col>
        </Row>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportWorkbook()}
          data-testid="export-completeness"
        >
          导出 Excel
        </Button>
      </Space>
      {hasRole('office', 'admin') && (
        <div style={{ marginBottom: 12 }}>
          <ChaseMissingButton
            period={lastDuePeriod}
            units={missingShown.map((r) => ({ unitId: r.unitId, unitName: r.unitName }))}
          />
        </div>
      )}
      <Table<CompletenessRow>
        rowKey="unitId"
        size="small"
        bordered
        dataSource={rows}
        pagination={false}
        scroll={{ x: 300 + matrix.months.length * 80, y: 520 }}
        data-testid="completeness-table"
        columns={[
          {
            title: '单位',
            dataIndex: 'unitName',
            fixed: 'left',
            width: 180,
            render: (name: string, r) => (
              <Typography.Link onClick={() => navigate(`/completeness/${r.unitId}`)}>{name}</Typography.Link>
            ),
          },
          ...matrix.months.map((m) => ({
            title: `${m}月`,
            key: `m${m}`,
            width: 80,
            align: 'center' as const,
            onCell: (r: CompletenessRow) => ({
              style: {
                background: timelinessColors[r.cells[m]?.status ?? 'pending'],
                cursor: 'pointer',
                color: '#fff',
                padding: 4,
              },
              onClick: () => navigate(`/completeness/${r.unitId}?month=${m}`),
              'data-status': r.cells[m]?.status ?? 'none',
              'data-unit': r.unitName,
              'data-month': m,
            }),
            render: (_: unknown, r: CompletenessRow) => {
              const c = r.cells[m];
              if (!c) return '—';
              return (
                <Tooltip title={cellText(c)}>
                  <span>{timelinessLabels[c.status] ?? c.status}</span>
                </Tooltip>
              );
            },
          })),
          { title: '按时率', dataIndex: 'rate', width: 90, align: 'right', render: (v: string) => `${v}%` },
        ]}
      />
    </Card>
  );
}
