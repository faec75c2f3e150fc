import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import { roleLabels, UserFormModal, type User } from '../admin/UserFormModal';
import { ErrorPage } from '../components';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import { formatDateTime } from '../format';
import { keys } from '../queries';
import { useSession } from '../session';
import type { UserQuery } from '../api/types';
import { unitOptions, useUnits } from '../units';

const PAGE_SIZE = 20;

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { failure, clearFailure, submit } = useFormSubmit(form, ['password']);

  async function save() {
    if (!user) return;
    const values = await validated(form);
    if (!values) return;
    const { password } = values;
    await submit(
      () => client.POST('/api/users/{id}/reset-password', { params: { path: { id: user.id } }, body: { password } }),
      `已重置 ${user.username} 的密码，其现有登录已失效`,
      () => {
        form.resetFields();
        clearFailure();
        onClose();
      },
    );
  }

  return (
    <Modal
      title={user ? `重置密码：${user.username}` : ''}
      open={!!user}
      onCancel={onClose}
      onOk={() => void save()}
      okText="重置"
      forceRender
    >
      <ApiErrorAlert failure={failure} onClose={clearFailure} />
      <Form form={form} layout="vertical">
        <Form.Item
          label="新密码"
          name="password"
          rules={[{ required: true, message: '请填写新密码' }]}
          extra="8–128 位，不能是常见密码，不能包含用户名；告知用户后请其尽快修改。"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 用户管理 (admin): accounts of the admin's scope, create, change roles, disable or enable, reset a password. */
export default function UsersPage() {
  const { message } = App.useApp();
  const { user: me } = useSession();
  const units = useUnits();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<UserQuery['role']>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | null | 'new'>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const queryClient = useQueryClient();
  const query = { q, role, unitId, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: keys.userList(query),
    // An empty search is no search.
    queryFn: () => answer(client.GET('/api/users', { params: { query: { ...query, q: q || undefined } } })),
    placeholderData: keepPreviousData,
  });
  /** The paged list here and the everyone list of the audit log's user filter. */
  const usersChanged = () => queryClient.invalidateQueries({ queryKey: keys.users() });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const nameOf = useMemo(() => new Map(unitList.map((u) => [u.id, u.shortName])), [unitList]);
  const options = useMemo(() => unitOptions(unitList), [unitList]);

  if (list.error) return <ErrorPage error={list.error} />;

  async function setActive(u: User, active: boolean) {
    try {
      await answer(client.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body: { active } }));
      message.success(active ? `已启用 ${u.username}` : `已停用 ${u.username}，其登录已全部失效`);
      await usersChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-user">
          新建用户
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="用户名或姓名"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
          data-testid="user-search"
        />
        <Select
          allowClear
          placeholder="角色"
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage(1);
          }}
          style={{ width: 140 }}
          options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
        />
        <TreeSelect
          allowClear
          placeholder="单位"
          value={unitId}
          onChange={(v: string | undefined) => {
            setUnitId(v);
            setPage(1);
          }}
          treeData={options}
          showSearch={{ treeNodeFilterProp: 'title' }}
          style={{ width: 240 }}
        />
      </Space>
      <Table<User>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="user-list"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 个用户`,
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 140 },
          { title: '姓名', dataIndex: 'displayName', ellipsis: true },
          {
            title: '单位',
            key: 'unit',
            width: 140,
            render: (_, u) => (u.unitId ? nameOf.get(u.unitId) : undefined) ?? '—',
          },
          {
            title: '角色',
            key: 'roles',
            width: 170,
            render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleLabels[r] ?? r}</Tag>),
          },
          { title: '邮箱', dataIndex: 'email', width: 180, ellipsis: true },
          {
            title: '状态',
            key: 'active',
            width: 120,
            render: (_, u) => (
              <Space size={2} wrap>
                {u.active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>}
                {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
                  <Tag color="warning">锁定至 {formatDateTime(u.lockedUntil)}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 200,
            fixed: 'right',
            render: (_, u) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(u)}>
                  修改
                </Button>
                <Button size="small" type="link" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                {u.id !== me?.userId && (
                  <Popconfirm
                    title={u.active ? `停用 ${u.username}？其登录将立即失效。` : `启用 ${u.username}？`}
                    onConfirm={() => void setActive(u, !u.active)}
                    okText="确定"
                    cancelText="取消"
                  >
                    <Button size="small" type="link" danger={u.active}>
                      {u.active ? '停用' : '启用'}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        units={unitList}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(null);
          if (editing === 'new') {
            setSearch(u.username);
            setQ(u.username);
          }
          void usersChanged();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
