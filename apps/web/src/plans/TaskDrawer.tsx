import { useEffect } from 'react';
import { Button, DatePicker, Drawer, Form, Input, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import {
  ApiErrorAlert,
  NumberInput,
  numberRules,
  numberValue,
  useFormSubmit,
  validated,
  type NumberRule,
} from '../forms';
import type { TaskView } from '../api/types';

interface MilestoneValues {
  dueDate?: Dayjs | null;
  description?: string;
  expectedPercent?: number | string | null;
}

/** A milestone's share of the task that should be done by its date: a whole percentage. */
const MILESTONE_PERCENT: NumberRule = { kind: 'percent', min: '0', max: '100', decimals: 0 };

interface Values {
  title: string;
  requirement: string;
  dueDate?: Dayjs | null;
  milestones?: MilestoneValues[];
  reason?: string;
}

const FIELDS = ['title', 'requirement', 'dueDate', 'milestones', 'reason'] as const;
const LABELS: Record<string, string> = {
  title: '任务名称',
  requirement: '任务要求',
  dueDate: '完成时限',
  reason: '修改原因',
};

/** Edits a task's text, deadline and milestones; a published plan needs a reason, which the audit trail keeps. */
export function TaskDrawer({
  task,
  published,
  onClose,
  onSaved,
}: {
  task: TaskView | null;
  published: boolean;
  onClose: () => void;
  onSaved: (t: TaskView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!task) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({
      title: task.title,
      requirement: task.requirement,
      dueDate: task.dueDate ? dayjs(task.dueDate) : null,
      milestones: task.milestones.map((m) => ({
        dueDate: dayjs(m.dueDate),
        description: m.description,
        expectedPercent: m.expectedPercent,
      })),
      reason: '',
    });
  }, [task, form]);

  async function save() {
    if (!task) return;
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'UpdateTaskDto'> = {
      title: v.title,
      requirement: v.requirement,
      milestones: (v.milestones ?? []).map((m) => ({
        dueDate: m.dueDate?.format('YYYY-MM-DD') ?? '',
        description: m.description ?? '',
        expectedPercent: numberValue(m.expectedPercent, MILESTONE_PERCENT) ?? 0,
      })),
    };
    body.dueDate = v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null;
    if (v.reason?.trim()) body.reason = v.reason.trim();
    await submit(
      () => answer(client.PATCH('/api/tasks/{id}', { params: { path: { id: task.id } }, body })),
      '任务已保存',
      onSaved,
    );
  }

  return (
    <Drawer
      title={task ? `修改任务${task.number}` : ''}
      open={!!task}
      onClose={onClose}
      size={720}
      forceRender
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="task-save">
          保存
        </Button>
      }
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="task-form">
        <Form.Item label="任务名称" name="title" rules={[{ required: true, message: '请填写任务名称' }]}>
          <Input maxLength={300} data-testid="task-title" />
        </Form.Item>
        <Form.Item label="任务要求" name="requirement" rules={[{ required: true, message: '请填写任务要求' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} data-testid="task-requirement" />
        </Form.Item>
        <Form.Item label="完成时限" name="dueDate">
          <DatePicker format="YYYY年M月D日" style={{ width: 200 }} />
        </Form.Item>
        <Typography.Text strong>节点目标</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker format="YYYY年M月D日" placeholder="节点日期" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: '请填写节点内容' }]}>
                    <Input placeholder="节点内容" style={{ width: 280 }} maxLength={300} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'expectedPercent']}
                    rules={numberRules(MILESTONE_PERCENT, '请填写应完成的百分比')}
                  >
                    <NumberInput suffix="%" placeholder="应完成" width={110} testId={`milestone-percent-${f.name}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除节点" />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ expectedPercent: 100 })}
                style={{ marginBottom: 16 }}
              >
                添加节点
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item
          label="修改原因"
          name="reason"
          extra={published ? '方案已发布，修改须填写原因，记入审计日志。' : undefined}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="task-reason" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
