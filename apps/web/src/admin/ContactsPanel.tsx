import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { allPages, answer, client } from '../api/client';
import { ErrorPage } from '../components';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import { contactRoleLabels } from '../plans/types';
import type { Contact } from '../api/types';
import { keys } from '../queries';
import { unitOptions, type Unit } from '../units';

interface Values {
  name: string;
  role: Contact['role'];
  section?: string;
  phone?: string;
  email?: string;
  workplaceUnitId?: string | null;
  active?: boolean;
}

const FIELDS = ['name', 'role', 'section', 'phone', 'email', 'workplaceUnitId', 'active'] as const;
const LABELS: Record<string, string> = {
  name: '姓名',
  role: '角色',
  section: '科室',
  phone: '电话',
  email: '邮箱',
  workplaceUnitId: '工作单位',
};

function ContactModal({
  open,
  contact,
  unit,
  units,
  onClose,
  onSaved,
}: {
  open: boolean;
  contact: Contact | null;
  unit: Unit;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const options = useMemo(() => unitOptions(units), [units]);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue(contact ? { ...contact } : { role: 'liaison', active: true });
  }, [open, contact, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body = {
      ...v,
      workplaceUnitId: v.workplaceUnitId || null,
      section: v.section ?? '',
      phone: v.phone ?? '',
      email: v.email || undefined,
    };
    await submit(
      () =>
        contact
          ? answer(client.PATCH('/api/contacts/{id}', { params: { path: { id: contact.id } }, body }))
          : answer(client.POST('/api/contacts', { body: { ...body, unitId: unit.id } })),
      '联系人已保存',
      () => onSaved(),
    );
  }

  return (
    <Modal
      title={contact ? `修改联系人：${contact.name}` : `为“${unit.shortName}”添加联系人`}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical">
        <Space wrap size={16}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={Object.entries(contactRoleLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="启用" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item label="科室" name="section">
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item label="电话" name="phone">
            <Input maxLength={30} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="邮箱" name="email">
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item
          label="工作单位"
          name="workplaceUnitId"
          extra="联络员本人在其他单位工作时填写（如市委人才办的联络员在市人才服务中心）"
        >
          <TreeSelect allowClear treeData={options} showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A unit's contacts: liaisons and responsible leaders, who get reminders and escalations. */
export function ContactsPanel({ unit, units, canEdit }: { unit: Unit; units: Unit[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const contacts = useQuery({
    queryKey: keys.contactsOf(unit.id),
    queryFn: () =>
      allPages((page, pageSize) =>
        answer(client.GET('/api/contacts', { params: { query: { unitId: unit.id, page, pageSize } } })),
      ),
  });
  /** The unit's list and the all-units list the assignment drawer picks liaisons from. */
  const contactsChanged = () => queryClient.invalidateQueries({ queryKey: keys.contacts() });
  const [editing, setEditing] = useState<Contact | null | 'new'>(null);
  const nameOf = useMemo(() => new Map(units.map((u) => [u.id, u.shortName])), [units]);
  if (contacts.error) return <ErrorPage error={contacts.error} />;

  async function remove(c: Contact) {
    try {
      await client.DELETE('/api/contacts/{id}', { params: { path: { id: c.id } } });
      message.success('联系人已删除');
      await contactsChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <>
      {canEdit && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 8 }}>
          添加联系人
        </Button>
      )}
      <Table<Contact>
        rowKey="id"
        size="small"
        loading={contacts.isFetching}
        dataSource={contacts.data ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '暂无联系人' }}
        data-testid="unit-contacts"
        columns={[
          {
            title: '姓名',
            key: 'name',
            width: 130,
            render: (_, c) =>
              c.active ? (
                c.name
              ) : (
                <>
                  {c.name} <Tag>停用</Tag>
                </>
              ),
          },
          {
            title: '角色',
            key: 'role',
            width: 90,
            render: (_, c) => (
              <Tag color={c.role === 'leader' ? 'gold' : 'blue'}>{contactRoleLabels[c.role] ?? c.role}</Tag>
            ),
          },
          { title: '科室', dataIndex: 'section', width: 100 },
          {
            title: '联系方式',
            key: 'contact',
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{c.phone || '—'}</span>
                <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                  {c.email}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '工作单位',
            key: 'workplace',
            width: 100,
            render: (_, c) => (c.workplaceUnitId ? (nameOf.get(c.workplaceUnitId) ?? '其他单位') : '本单位'),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 110,
                  render: (_: unknown, c: Contact) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing(c)}>
                        修改
                      </Button>
                      <Popconfirm
                        title={`删除联系人“${c.name}”？`}
                        onConfirm={() => void remove(c)}
                        okText="删除"
                        cancelText="取消"
                      >
                        <Button size="small" type="link" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContactModal
        open={editing !== null}
        contact={editing === 'new' ? null : editing}
        unit={unit}
        units={units}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void contactsChanged();
        }}
      />
    </>
  );
}
