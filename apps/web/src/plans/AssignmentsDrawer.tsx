import { useEffect, useMemo } from 'react';
import { Button, Drawer, Form, Input, Select, Space, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { allPages, answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import { keys } from '../queries';
import { unitOptions, type Unit } from '../units';
import { assignmentRoleLabels, contactRoleLabels } from './types';
import type { AssignmentRole, Contact, TaskView } from '../api/types';

interface Row {
  unitId?: string;
  role?: AssignmentRole;
  liaisonContactIds?: string[];
}

interface Values {
  items: Row[];
  reason?: string;
}

const FIELDS = ['items', 'reason'] as const;
const LABELS: Record<string, string> = { items: '分工', reason: '修改原因' };

/** Replaces a task's assignments: at least one lead unit, any number of responsible units, each with its liaisons. */
export function AssignmentsDrawer({
  task,
  units,
  published,
  onClose,
  onSaved,
}: {
  task: TaskView | null;
  units: Unit[];
  published: boolean;
  onClose: () => void;
  onSaved: (t: TaskView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const contacts = useQuery({
    queryKey: keys.contactsOf(null),
    queryFn: () =>
      allPages((page, pageSize) => answer(client.GET('/api/contacts', { params: { query: { page, pageSize } } }))),
    enabled: !!task,
  });
  const rows = Form.useWatch('items', form) ?? [];
  const options = useMemo(() => unitOptions(units.filter((u) => u.kind !== 'province')), [units]);
  const byUnit = useMemo(() => {
    const map = new Map<string, Contact[]>();
    for (const c of contacts.data ?? []) map.set(c.unitId, [...(map.get(c.unitId) ?? []), c]);
    return map;
  }, [contacts.data]);

  useEffect(() => {
    if (!task) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({
      items: task.assignments.map((a) => ({
        unitId: a.unitId,
        role: a.role,
        liaisonContactIds: a.liaisons.map((l) => l.contactId),
      })),
      reason: '',
    });
  }, [task, form]);

  async function save() {
    if (!task) return;
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'SetAssignmentsDto'> = {
      // Every row's unit and role are required fields of the form, so validation has filled them in.
      items: (v.items ?? []).flatMap((r) =>
        r.unitId && r.role ? [{ unitId: r.unitId, role: r.role, liaisonContactIds: r.liaisonContactIds ?? [] }] : [],
      ),
    };
    if (v.reason?.trim()) body.reason = v.reason.trim();
    await submit(
      () => answer(client.PUT('/api/tasks/{id}/assignments', { params: { path: { id: task.id } }, body })),
      '分工已保存',
      onSaved,
    );
  }

  return (
    <Drawer
      title={task ? `任务${task.number} 分工与联络员` : ''}
      open={!!task}
      onClose={onClose}
      size={820}
      forceRender
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="assignments-save">
          保存
        </Button>
      }
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical">
        <Form.List name="items">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => {
                const unitId = rows[f.name]?.unitId;
                const liaisons = unitId ? (byUnit.get(unitId) ?? []) : [];
                return (
                  <Space key={f.key} align="start" wrap data-testid={`assignment-row-${f.name}`}>
                    <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: '请选择单位' }]}>
                      <TreeSelect
                        treeData={options}
                        showSearch={{ treeNodeFilterProp: 'title' }}
                        placeholder="单位"
                        style={{ width: 240 }}
                        treeDefaultExpandAll={false}
                        onChange={() => form.setFieldValue(['items', f.name, 'liaisonContactIds'], [])}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择' }]}>
                      <Select
                        style={{ width: 120 }}
                        options={Object.entries(assignmentRoleLabels).map(([value, label]) => ({ value, label }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'liaisonContactIds']}>
                      <Select
                        mode="multiple"
                        placeholder={unitId ? (liaisons.length ? '联络员' : '该单位暂无联系人') : '先选择单位'}
                        style={{ width: 300 }}
                        loading={contacts.isFetching}
                        options={liaisons.map((c) => ({
                          value: c.id,
                          label: `${c.name}（${contactRoleLabels[c.role] ?? c.role}${c.section ? `，${c.section}` : ''}）`,
                        }))}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除分工" />
                  </Space>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ role: 'responsible', liaisonContactIds: [] })}
                style={{ marginBottom: 16 }}
              >
                添加单位
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary">
          至少需要一个牵头单位；联络员从该单位的联系人中选择（在“单位与联系人”中维护）。
        </Typography.Paragraph>
        <Form.Item
          label="修改原因"
          name="reason"
          extra={published ? '方案已发布，修改须填写原因，记入审计日志。' : undefined}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
