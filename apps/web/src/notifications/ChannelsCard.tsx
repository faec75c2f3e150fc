import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { PlusOutlined, RedoOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldErrors, messageOf } from '../api';
import { answer, client } from '../api/client';
import { ErrorPage } from '../components';
import { formatDateTime } from '../format';
import { keys } from '../queries';
import { useSession } from '../session';
import { unitOptions, useUnits } from '../units';
import type { ChannelDto, ChannelPostQuery, ChannelPostRow, ChannelView } from '../api/types';

const kindLabels: Record<string, string> = { wecom: '企业微信', dingtalk: '钉钉' };
const postKindLabels: Record<string, string> = { reminder: '报送提醒', escalation: '逾期催报', bulletin: '通报发布' };
const statusLabels: Record<string, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  unknown: '结果未知',
};
const statusColors: Record<string, string> = {
  pending: 'processing',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  unknown: 'warning',
};
const PAGE_SIZE = 20;

type FormValues = Omit<ChannelDto, 'planId'>;

function ChannelForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { plan } = useSession();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const scope = Form.useWatch('scope', form);
  const units = useUnits(open);
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(values: FormValues) {
    setSaving(true);
    setError(null);
    try {
      const body: ChannelDto = { ...values, planId: values.scope === 'plan' ? plan?.id : undefined };
      await answer(client.POST('/api/channels', { body }));
      message.success(`已添加群机器人：${values.name}`);
      await queryClient.invalidateQueries({ queryKey: keys.channels() });
      form.resetFields();
      onClose();
    } catch (e) {
      const fields = fieldErrors(e);
      form.setFields(
        Object.entries(fields).map(([name, reason]) => ({ name: name as keyof FormValues, errors: [reason] })),
      );
      // A refused field says why beside it; the banner is for everything else.
      setError(Object.keys(fields).length > 0 ? null : messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title="新增群机器人"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="channel-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ kind: 'dingtalk', scope: 'plan', enabled: true, mentionByPhone: true }}
      >
        <Form.Item name="kind" label="机器人类型">
          <Radio.Group
            options={[
              { value: 'dingtalk', label: '钉钉自定义机器人' },
              { value: 'wecom', label: '企业微信群机器人' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} placeholder="如：赣州市科创专班群" data-testid="channel-name" />
        </Form.Item>
        <Form.Item
          name="webhookUrl"
          label="Webhook 地址"
          rules={[{ required: true, message: '请填写 Webhook 地址' }]}
          extra={
            kind === 'wecom'
              ? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'
              : 'https://oapi.dingtalk.com/robot/send?access_token=…'
          }
        >
          <Input.Password visibilityToggle={false} autoComplete="off" data-testid="channel-url" />
        </Form.Item>
        {kind === 'dingtalk' && (
          <Form.Item name="secret" label="加签密钥" extra="机器人安全设置中“加签”的密钥，SEC 开头">
            <Input.Password visibilityToggle={false} autoComplete="off" data-testid="channel-secret" />
          </Form.Item>
        )}
        <Form.Item name="scope" label="范围">
          <Radio.Group
            options={[
              { value: 'plan', label: `本方案${plan ? `（${plan.title}）` : ''}` },
              { value: 'unit', label: '单个单位' },
            ]}
          />
        </Form.Item>
        {scope === 'unit' && (
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <TreeSelect treeData={unitOptions(units.data ?? [])} showSearch treeNodeFilterProp="title" />
          </Form.Item>
        )}
        <Space size="large">
          <Form.Item name="mentionByPhone" label="按手机号 @ 联络员" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function Channels() {
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: keys.channels(), queryFn: () => answer(client.GET('/api/channels')) });
  if (list.error) return <ErrorPage error={list.error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-channel">
        新增群机器人
      </Button>
      <Table<ChannelView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="channel-list"
        locale={{ emptyText: '尚未配置群机器人' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', key: 'kind', width: 90, render: (_, r) => kindLabels[r.kind] ?? r.kind },
          { title: '范围', key: 'scope', render: (_, r) => (r.scope === 'plan' ? r.planTitle : r.unitName) },
          {
            title: 'Webhook',
            dataIndex: 'webhookHint',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: '@联络员', key: 'mention', width: 80, render: (_, r) => (r.mentionByPhone ? '是' : '否') },
          {
            title: '状态',
            key: 'enabled',
            width: 80,
            render: (_, r) => (r.enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
          },
        ]}
      />
      <ChannelForm open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}

function Posts() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<ChannelPostQuery['status'] | ''>('');
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const query = { status, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: keys.channelPosts(query),
    queryFn: () =>
      answer(client.GET('/api/channels/posts', { params: { query: { ...query, status: status || undefined } } })),
    placeholderData: keepPreviousData,
  });

  async function resend(row: ChannelPostRow) {
    try {
      await answer(client.POST('/api/channels/posts/{id}/resend', { params: { path: { id: row.id } } }));
      message.success(`已重新排队发送到：${row.channelName}`);
      await queryClient.invalidateQueries({ queryKey: keys.channels() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  if (list.error) return <ErrorPage error={list.error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented<ChannelPostQuery['status'] | ''>
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={[
          { value: '', label: '全部' },
          ...(['sent', 'failed', 'unknown', 'pending'] as const).map((value) => ({
            value,
            label: statusLabels[value],
          })),
        ]}
        data-testid="channel-post-status"
      />
      <Table<ChannelPostRow>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="channel-posts"
        locale={{ emptyText: '暂无群消息' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
        }}
        columns={[
          { title: '生成时间', key: 'createdAt', width: 150, render: (_, r) => formatDateTime(r.createdAt) },
          { title: '群', key: 'channel', render: (_, r) => `${r.channelName}（${kindLabels[r.channelKind] ?? ''}）` },
          { title: '类型', key: 'kind', width: 90, render: (_, r) => postKindLabels[r.kind] ?? r.kind },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_, r) => <Tag color={statusColors[r.status]}>{statusLabels[r.status] ?? r.status}</Tag>,
          },
          {
            title: '错误 / 发送时间',
            key: 'result',
            width: 220,
            render: (_, r) =>
              r.status === 'sent' ? (
                formatDateTime(r.sentAt)
              ) : (
                <Typography.Text
                  type={r.status === 'failed' ? 'danger' : 'warning'}
                  ellipsis={{ tooltip: r.lastError }}
                >
                  {r.lastError ?? '—'}
                </Typography.Text>
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_, r) =>
              r.status === 'failed' || r.status === 'unknown' ? (
                <Popconfirm
                  title={
                    r.status === 'unknown'
                      ? '这条消息可能已经发到群里，请先在群里核对。仍要重发吗？'
                      : `重新发送到 ${r.channelName}？`
                  }
                  onConfirm={() => void resend(r)}
                  okText="重发"
                  cancelText="取消"
                >
                  <Button size="small" icon={<RedoOutlined />} data-testid={`resend-post-${r.id}`}>
                    重发
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/** 群机器人: the office's 企业微信 / 钉钉 robots and the log of what was posted to them, with resend. */
export function ChannelsCard() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Channels />
      <Typography.Title level={5}>群消息日志</Typography.Title>
      <Posts />
    </Space>
  );
}
