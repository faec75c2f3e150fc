import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import type { SchemeRecord } from '../api/types';
import { ErrorPage } from '../components';
import { formatDateTime } from '../format';
import { keys } from '../queries';
import { schemeKindLabels, schemeStatusColors, schemeStatusLabels } from '../schemes/describe';
import { SchemeEditor } from '../schemes/SchemeEditor';
import { SchemeTree } from '../schemes/SchemeTree';
import { useSession } from '../session';

/** 考评方案: every version of the city's schemes, the selected one's criteria tree, and JSON editing for the office. */
export default function SchemesPage() {
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.schemeList(), queryFn: () => answer(client.GET('/api/schemes')) });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<SchemeRecord | null>(null);
  const canEdit = hasRole('office', 'admin');
  const schemes = list.data ?? [];
  const selected = schemes.find((s) => s.id === selectedId) ?? schemes[0];

  if (list.error) return <ErrorPage error={list.error} />;

  async function activate(s: SchemeRecord) {
    try {
      await answer(client.POST('/api/schemes/{id}/activate', { params: { path: { id: s.id } } }));
      message.success('方案已启用');
      await queryClient.invalidateQueries({ queryKey: keys.schemeList() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title="考评方案">
        <Table<SchemeRecord>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={schemes}
          pagination={false}
          data-testid="scheme-list"
          rowSelection={{
            type: 'radio',
            selectedRowKeys: selected ? [selected.id] : [],
            onChange: (keys) => setSelectedId(String(keys[0])),
          }}
          onRow={(s) => ({ onClick: () => setSelectedId(s.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '方案名称', dataIndex: 'name' },
            { title: '类别', key: 'kind', width: 150, render: (_, s) => schemeKindLabels[s.kind] ?? s.kind },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '版本', key: 'version', width: 70, render: (_, s) => `第${s.version}版` },
            {
              title: '状态',
              key: 'status',
              width: 90,
              render: (_, s) => (
                <Tag color={schemeStatusColors[s.status]}>{schemeStatusLabels[s.status] ?? s.status}</Tag>
              ),
            },
            { title: '更新时间', key: 'updatedAt', width: 160, render: (_, s) => formatDateTime(s.updatedAt) },
          ]}
        />
      </Card>
      {selected ? (
        <Card
          title={`${selected.name}（第${selected.version}版）`}
          extra={
            canEdit && (
              <Space>
                {selected.status === 'draft' && (
                  <Popconfirm
                    title="启用后季度排名和年终考评将使用该版本，确定启用？"
                    onConfirm={() => void activate(selected)}
                    okText="启用"
                    cancelText="取消"
                  >
                    <Button>启用</Button>
                  </Popconfirm>
                )}
                <Button icon={<EditOutlined />} onClick={() => setEditing(selected)} data-testid="edit-scheme">
                  {selected.status === 'draft' ? '编辑' : '编辑为新版本'}
                </Button>
              </Space>
            )
          }
        >
          {selected.status === 'frozen' && (
            <Typography.Paragraph type="secondary">
              该版本已用于已发布的通报或考评结果，不能修改；修改将保存为新版本。
            </Typography.Paragraph>
          )}
          <SchemeTree key={selected.id} definition={selected.definition} inputMap={selected.inputMap} />
        </Card>
      ) : (
        !list.isPending && <Empty description="暂无考评方案" />
      )}
      <SchemeEditor
        scheme={editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setEditing(null);
          setSelectedId(s.id);
          // A new version joins the list; an edited draft is read afresh wherever it is shown.
          void queryClient.invalidateQueries({ queryKey: keys.schemes() });
        }}
      />
    </Space>
  );
}
