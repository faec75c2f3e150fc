import { useEffect, useMemo } from 'react';
import { Form, Input, Modal, Select, Space, TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { allPages, answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import type { User } from '../api/types';

export type { User };
import { keys } from '../queries';
import { unitOptions, type Unit } from '../units';

export const roleLabels: Record<string, string> = {
  admin: '系统管理员',
  office: '办公室',
  leader: '领导',
  liaison: '联络员',
};

interface Values {
  username?: string;
  password?: string;
  displayName: string;
  unitId: string;
  contactId?: string | null;
  email?: string;
  roles: User['roles'];
}

type CityRole = Schema<'CreateUserDto'>['roles'][number];

/** The platform role is not one an office gives: a platform account has no unit, which this form requires. */
function isCityRole(role: User['roles'][number]): role is CityRole {
  return role !== 'platform';
}

const FIELDS = ['username', 'password', 'displayName', 'unitId', 'contactId', 'email', 'roles'] as const;
const LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  unitId: '单位',
  contactId: '对应联系人',
  email: '邮箱',
  roles: '角色',
};

/** Creates an account (with an initial password) or changes one's name, unit, linked contact, email and roles. */
export function UserFormModal({
  open,
  user,
  units,
  onClose,
  onSaved,
}: {
  open: boolean;
  user: User | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const unitId = Form.useWatch('unitId', form);
  const contacts = useQuery({
    queryKey: keys.contactsOf(unitId ?? null),
    queryFn: () =>
      allPages((page, pageSize) =>
        answer(client.GET('/api/contacts', { params: { query: { unitId, page, pageSize } } })),
      ),
    enabled: !!unitId,
  });
  const options = useMemo(() => unitOptions(units), [units]);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    if (user)
      form.setFieldsValue({
        displayName: user.displayName,
        // A platform account belongs to no unit: the field stays empty.
        unitId: user.unitId ?? undefined,
        contactId: user.contactId,
        email: user.email,
        roles: user.roles,
      });
    else form.setFieldsValue({ roles: ['liaison'] });
  }, [open, user, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const common = {
      displayName: v.displayName,
      unitId: v.unitId,
      contactId: v.contactId ?? null,
      roles: v.roles.filter(isCityRole),
      ...(v.email ? { email: v.email } : {}),
    };
    await submit(
      () =>
        user
          ? answer(client.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: common }))
          : answer(
              // Both are required fields of the form when creating, so validation has filled them in.
              client.POST('/api/users', {
                body: { ...common, username: v.username ?? '', password: v.password ?? '' },
              }),
            ),
      (saved) => (user ? '用户已保存' : `已创建用户 ${saved.username}`),
      onSaved,
    );
  }

  return (
    <Modal
      title={user ? `修改用户：${user.username}` : '新建用户'}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={620}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="user-form">
        {!user && (
          <Space wrap size={16}>
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: '2–64 位字母、数字、_ . -' }]}
            >
              <Input style={{ width: 220 }} autoComplete="off" data-testid="user-username" />
            </Form.Item>
            <Form.Item
              label="初始密码"
              name="password"
              rules={[{ required: true, message: '请填写初始密码' }]}
              extra="8–128 位，不能是常见密码，不能包含用户名"
            >
              <Input.Password style={{ width: 220 }} autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
          </Space>
        )}
        <Space wrap size={16}>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
          >
            <Input style={{ width: 220 }} maxLength={100} data-testid="user-display-name" />
          </Form.Item>
          <Form.Item label="邮箱" name="email">
            <Input style={{ width: 260 }} maxLength={200} />
          </Form.Item>
        </Space>
        <Form.Item
          label="单位"
          name="unitId"
          rules={[{ required: true, message: '请选择单位' }]}
          extra="用户的数据范围是该单位及其下级单位"
        >
          <TreeSelect
            treeData={options}
            showSearch={{ treeNodeFilterProp: 'title' }}
            onChange={() => form.setFieldValue('contactId', null)}
            data-testid="user-unit"
          />
        </Form.Item>
        <Form.Item label="对应联系人" name="contactId">
          <Select
            allowClear
            loading={contacts.isFetching}
            placeholder={unitId ? '可选' : '先选择单位'}
            options={(contacts.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.name}${c.section ? `（${c.section}）` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label="角色"
          name="roles"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}
        >
          <Select
            mode="multiple"
            options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
            data-testid="user-roles"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
