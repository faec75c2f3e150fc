import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, NumberInput, numberRules, numberValue, useFormSubmit, validated, wholeNumber } from '../forms';
import { sectionLabel } from './types';
import type { PlanSection, TaskView } from '../api/types';

interface Values {
  sectionId?: string | null;
  number?: number | string | null;
  title: string;
  requirement: string;
  dueDate?: Dayjs | null;
  reason?: string;
}

const TASK_NUMBER = wholeNumber(1, 10000);

const FIELDS = ['sectionId', 'number', 'title', 'requirement', 'dueDate', 'reason'] as const;
const LABELS: Record<string, string> = {
  sectionId: '所属分组',
  number: '序号',
  title: '任务名称',
  requirement: '任务要求',
  dueDate: '完成时限',
  reason: '修改原因',
};

/**
 * Adds a task to a plan, in a section or none, numbered after the last one unless a number is given;
 * lead and responsible units are set afterwards (分工). A published plan needs a reason.
 */
export function NewTaskModal({
  open,
  planId,
  sections,
  defaultSectionId,
  published,
  onClose,
  onSaved,
}: {
  open: boolean;
  planId: string;
  sections: Pick<PlanSection, 'id' | 'number' | 'title'>[];
  defaultSectionId?: string | null;
  published: boolean;
  onClose: () => void;
  onSaved: (t: TaskView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({ sectionId: defaultSectionId ?? null, reason: '' });
  }, [open, defaultSectionId, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreateTaskDto'> = {
      title: v.title.trim(),
      requirement: v.requirement.trim(),
      sectionId: v.sectionId ?? null,
    };
    const number = numberValue(v.number, TASK_NUMBER);
    if (number) body.number = number;
    if (v.dueDate) body.dueDate = v.dueDate.format('YYYY-MM-DD');
    if (v.reason?.trim()) body.reason = v.reason.trim();
    await submit(
      () => answer(client.POST('/api/plans/{id}/tasks', { params: { path: { id: planId } }, body })),
      (saved) => `已新增任务${saved.number}，请设置分工`,
      onSaved,
    );
  }

  return (
    <Modal
      title="新增任务"
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={720}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="new-task-form">
        <Space wrap size={16} align="start">
          <Form.Item label="所属分组" name="sectionId">
            <Select
              style={{ width: 420 }}
              allowClear
              placeholder="不分组"
              options={sections.map((s) => ({ value: s.id, label: sectionLabel(s) }))}
              data-testid="new-task-section"
            />
          </Form.Item>
          <Form.Item label="序号" name="number" extra="不填则接在最后一项之后" rules={numberRules(TASK_NUMBER)}>
            <NumberInput width={120} />
          </Form.Item>
        </Space>
        <Form.Item
          label="任务名称"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写任务名称' }]}
        >
          <Input maxLength={300} data-testid="new-task-title" />
        </Form.Item>
        <Form.Item
          label="任务要求"
          name="requirement"
          rules={[{ required: true, whitespace: true, message: '请填写任务要求' }]}
        >
          <Input.TextArea rows={4} maxLength={20000} data-testid="new-task-requirement" />
        </Form.Item>
        <Form.Item label="完成时限" name="dueDate">
          <DatePicker format="YYYY年M月D日" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label="修改原因"
          name="reason"
          extra={published ? '方案已发布，新增任务须填写原因，记入审计日志。' : undefined}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="new-task-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
