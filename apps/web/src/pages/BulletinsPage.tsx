import { answer, client, type Schema } from '../api/client';
import { useState } from 'react';
import { App, Button, Card, Col, List, Row, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { download, messageOf } from '../api';
import { ErrorPage, Loading } from '../components';
import { formatDate } from '../format';
import { keys } from '../queries';
import { useSession } from '../session';
import type { BulletinRow } from '../api/types';

type TrafficLight = Schema<'TrafficLight'>;
type Quantity = Schema<'Quantity'>;
type BulletinLag = Schema<'BulletinLag'>;
type LateUnit = Schema<'LateUnit'>;

/** 预警 by traffic light, as the PDF and the spreadsheet word and explain it (红旗 would honour the best). */
const LIGHTS: { light: TrafficLight; label: string; color: string; meaning: string }[] = [
  { light: 'red', label: '红灯', color: 'red', meaning: '严重滞后（完成不足序时进度的50%，或有未报）' },
  { light: 'yellow', label: '黄灯', color: 'gold', meaning: '存在滞后（完成不足序时进度的80%，或有迟报）' },
  { light: 'green', label: '绿灯', color: 'green', meaning: '正常推进' },
];

function LightTag({ light }: { light: TrafficLight }) {
  const entry = LIGHTS.find((l) => l.light === light);
  return <Tag color={entry?.color}>{entry?.label ?? light}</Tag>;
}

function LightLegend() {
  return (
    <Space wrap size={[16, 4]} data-testid="light-legend" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">预警说明：</Typography.Text>
      {LIGHTS.map((l) => (
        <span key={l.light}>
          <LightTag light={l.light} />
          <Typography.Text type="secondary">{l.meaning}</Typography.Text>
        </span>
      ))}
    </Space>
  );
}

/** A figure with its own unit: 62.50% / 8112.15万元 / 12家; 未报 when nothing was reported. */
function quantityText(q: Quantity): string {
  if (q.value === null) return '未报';
  const n = Number(q.value);
  return Number.isFinite(n) && q.value.trim() !== '' ? `${n.toFixed(q.decimals)}${q.unit}` : q.value;
}

function quarterLabel(key: string): string {
  const m = /^(\d{4})-Q(\d)$/.exec(key);
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : key;
}

export default function BulletinsPage() {
  const { plan } = useSession();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({
    queryKey: keys.bulletins(plan!.id),
    queryFn: () => answer(client.GET('/api/plans/{id}/bulletins', { params: { path: { id: plan!.id } } })),
  });
  const current = selected ?? list.data?.[0]?.id ?? null;
  const detail = useQuery({
    queryKey: keys.bulletin(current ?? ''),
    queryFn: () => answer(client.GET('/api/bulletins/{id}', { params: { path: { id: current! } } })),
    enabled: !!current,
  });
  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;

  const b = detail.data;
  async function get(format: 'xlsx' | 'pdf' | 'docx') {
    if (!b) return;
    try {
      await download(`/api/bulletins/${b.id}/export/${format}`, `${b.snapshot.title}.${format}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} lg={6}>
        <Card title="季度通报" size="small" style={{ marginBottom: 16 }}>
          <List
            dataSource={list.data ?? []}
            locale={{ emptyText: '暂无通报' }}
            renderItem={(item) => (
              <List.Item
                key={item.id}
                onClick={() => setSelected(item.id)}
                style={{ cursor: 'pointer', background: item.id === current ? '#e6f4ff' : undefined, paddingLeft: 8 }}
              >
                <List.Item.Meta
                  title={`${quarterLabel(item.quarterKey)}${item.revision > 1 ? `（第${item.revision}版）` : ''}`}
                  description={`发布于 ${formatDate(item.publishedAt)}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={18}>
        {detail.error ? (
          <ErrorPage error={detail.error} />
        ) : !b ? (
          current ? (
            <Loading />
          ) : null
        ) : (
          <Card
            title={b.snapshot.title}
            extra={
              <Space>
                <Button icon={<DownloadOutlined />} onClick={() => void get('xlsx')} data-testid="bulletin-xlsx">
                  下载 Excel
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => void get('pdf')} data-testid="bulletin-pdf">
                  下载 PDF
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => void get('docx')}
                  data-testid="bulletin-docx"
                  title="按党政机关公文格式排版，可在 Word 或 WPS 中填写文号、日期并盖章"
                >
                  下载 Word（公文）
                </Button>
              </Space>
            }
          >
            {b.reason && <Typography.Paragraph type="warning">更正说明：{b.reason}</Typography.Paragraph>}
            <LightLegend />
            {b.snapshot.tiers.map((tier) => (
              <div key={tier.tier} style={{ marginBottom: 24 }}>
                <Typography.Title level={5}>{tier.label}</Typography.Title>
                <Table<BulletinRow>
                  rowKey="unitName"
                  size="small"
                  pagination={false}
                  dataSource={tier.rows}
                  scroll={{ x: 600 }}
                  columns={[
                    { title: '排名', dataIndex: 'rank', width: 60 },
                    { title: '单位', dataIndex: 'unitName', width: 200 },
                    ...b.snapshot.columns.map((c, i) => ({
                      title: c,
                      key: `c${i}`,
                      width: 120,
                      align: 'right' as const,
                      render: (_: unknown, r: BulletinRow) => r.subtotals[i],
                    })),
                    {
                      title: '总分',
                      dataIndex: 'total',
                      width: 80,
                      align: 'right',
                      render: (v: string) => <strong>{v}</strong>,
                    },
                    {
                      title: '预警',
                      key: 'light',
                      width: 80,
                      render: (_, r) => <LightTag light={r.light} />,
                    },
                  ]}
                />
              </div>
            ))}
            <Typography.Title level={5}>滞后任务、指标和项目（{b.snapshot.lagging.length}项）</Typography.Title>
            <Table<BulletinLag>
              rowKey={(r) => `${r.kind}:${r.label}:${r.unitName}`}
              size="small"
              style={{ marginBottom: 24 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={b.snapshot.lagging}
              locale={{ emptyText: '本季度无滞后事项' }}
              scroll={{ x: 600 }}
              data-testid="bulletin-lagging"
              columns={[
                { title: '事项', dataIndex: 'label' },
                { title: '单位', dataIndex: 'unitName', width: 140 },
                {
                  title: '累计完成',
                  key: 'actual',
                  width: 130,
                  align: 'right',
                  render: (_, r) => quantityText(r.actual),
                },
                {
                  title: '序时进度',
                  key: 'expected',
                  width: 130,
                  align: 'right',
                  render: (_, r) => quantityText(r.expected),
                },
                { title: '预警', key: 'light', width: 80, render: (_, r) => <LightTag light={r.light} /> },
              ]}
            />
            {b.snapshot.lateUnits.length > 0 && (
              <>
                <Typography.Title level={5}>迟报、未报单位</Typography.Title>
                <Table<LateUnit>
                  rowKey="unitName"
                  size="small"
                  pagination={false}
                  dataSource={b.snapshot.lateUnits}
                  columns={[
                    { title: '单位', dataIndex: 'unitName' },
                    { title: '迟报（次）', dataIndex: 'late', width: 100 },
                    { title: '未报（次）', dataIndex: 'missing', width: 100 },
                    { title: '预警', key: 'light', width: 80, render: (_, r) => <LightTag light={r.light} /> },
                  ]}
                />
              </>
            )}
          </Card>
        )}
      </Col>
    </Row>
  );
}
