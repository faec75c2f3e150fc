import { answer, client } from '../api/client';
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

const flagColors: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };
const flagLabels: Record<string, string> = { red: '红旗', yellow: '黄旗', green: '绿旗' };

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
  async function get(format: 'xlsx' | 'pdf') {
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
              </Space>
            }
          >
            {b.reason && <Typography.Paragraph type="warning">更正说明：{b.reason}</Typography.Paragraph>}
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
                      title: '标识',
                      key: 'flags',
                      width: 100,
                      render: (_, r) =>
                        r.flags.map((f) => (
                          <Tag key={f} color={flagColors[f] ?? 'default'}>
                            {flagLabels[f] ?? f}
                          </Tag>
                        )),
                    },
                  ]}
                />
              </div>
            ))}
            {b.snapshot.lateUnits.length > 0 && (
              <>
                <Typography.Title level={5}>迟报、未报单位</Typography.Title>
                <Table
                  rowKey="unitName"
                  size="small"
                  pagination={false}
                  dataSource={b.snapshot.lateUnits}
                  columns={[
                    { title: '单位', dataIndex: 'unitName' },
                    { title: '迟报（次）', dataIndex: 'late', width: 100 },
                    { title: '未报（次）', dataIndex: 'missing', width: 100 },
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
