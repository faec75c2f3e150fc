import { useEffect } from 'react';
import { Form, Input, Modal, Space } from 'antd';
import { answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import type { PlanSection } from '../api/types';

interface Values {
  number: string;
  title: string;
  reason?: string;
}

const FIELDS = ['number', 'title', 'reason'] as const;
const LABELS: Record<string, string> = { number: '编号', title: '分组名称', reason: '修改原因' };

/**
 * Adds a section heading （一）… to a plan, or renames one. A published plan changes only with a
 * reason: the API refuses without one, on the reason field.
 */
export function SectionModal({
  open,
  planId,
  section,
  published,
  onClose,
  onSaved,
}: {
  open: boolean;
  planId: string;
  /** null adds a new section. */
  section: Pick<PlanSection, 'id' | 'number' | 'title'> | null;
  published: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({ number: section?.number ?? '', title: section?.title ?? '', reason: '' });
  }, [open, section, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreateSectionDto'> = { number: v.number.trim(), title: v.title.trim() };
    if (v.reason?.trim()) body.reason = v.reason.trim();
    await submit(
      () =>
        section
          ? answer(client.PATCH('/api/sections/{id}', { params: { path: { id: section.id } }, body }))
          : answer(client.POST('/api/plans/{id}/sections', { params: { path: { id: planId } }, body })),
      section ? '分组已保存' : '分组已新增',
      () => onSaved(),
    );
  }

  return (
    <Modal
      title={section ? '修改分组' : '新增分组'}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="section-form">
        <Space align="start" size={16} style={{ display: 'flex' }}>
          <Form.Item
            label="编号"
            name="number"
            rules={[{ required: true, whitespace: true, message: '请填写编号' }]}
            extra="如：八（显示为“（八）”）"
          >
            <Input maxLength={10} style={{ width: 100 }} data-testid="section-number" />
          </Form.Item>
          <Form.Item
            label="分组名称"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请填写分组名称' }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={300} data-testid="section-title" />
          </Form.Item>
        </Space>
        <Form.Item
          label="修改原因"
          name="reason"
          extra={published ? '方案已发布，修改须填写原因，记入审计日志。' : undefined}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="section-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
