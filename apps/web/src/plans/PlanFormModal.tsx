import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, NumberInput, numberRules, numberValue, useFormSubmit, validated, YEAR } from '../forms';
import type { Plan } from '../api/types';

interface Values {
  title: string;
  docNumber?: string;
  issuingBody?: string;
  issueDate?: Dayjs | null;
  startYear: number | string;
  endYear: number | string;
  reason?: string;
}

const FIELDS = ['title', 'docNumber', 'issuingBody', 'issueDate', 'startYear', 'endYear', 'reason'] as const;
const LABELS: Record<string, string> = {
  title: '方案名称',
  docNumber: '文号',
  issuingBody: '发文单位',
  issueDate: '印发日期',
  startYear: '开始年度',
  endYear: '结束年度',
  reason: '修改原因',
  version: '版本',
};

/** Creates a plan, or edits one with its version (a stale version is refused with 409) and, once published, a reason. */
export function PlanFormModal({
  open,
  plan,
  onClose,
  onSaved,
  onReload,
}: {
  open: boolean;
  plan: Plan | null;
  onClose: () => void;
  onSaved: (p: Plan) => void;
  onReload?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const published = plan?.status === 'published';

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    if (plan) {
      form.setFieldsValue({
        title: plan.title,
        docNumber: plan.docNumber,
        issuingBody: plan.issuingBody ?? '',
        issueDate: plan.issueDate ? dayjs(plan.issueDate) : null,
        startYear: plan.startYear,
        endYear: plan.endYear,
      });
    } else {
      const year = dayjs().year();
      form.setFieldsValue({ startYear: year, endYear: year });
    }
  }, [open, plan, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreatePlanDto'> = {
      title: v.title,
      docNumber: v.docNumber ?? '',
      issuingBody: v.issuingBody ?? '',
      // Both required and validated.
      startYear: numberValue(v.startYear, YEAR)!,
      endYear: numberValue(v.endYear, YEAR)!,
    };
    if (v.issueDate) body.issueDate = v.issueDate.format('YYYY-MM-DD');
    await submit(
      () =>
        plan
          ? answer(
              client.PATCH('/api/plans/{id}', {
                params: { path: { id: plan.id } },
                body: { ...body, version: plan.version, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
              }),
            )
          : answer(client.POST('/api/plans', { body })),
      plan ? '方案已保存' : '方案已创建',
      onSaved,
    );
  }

  return (
    <Modal
      title={plan ? '修改方案信息' : '新建工作方案'}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={640}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onReload={onReload} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="plan-form">
        <Form.Item label="方案名称" name="title" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item label="文号" name="docNumber">
            <Input maxLength={100} placeholder="如：赣市科赋字〔2023〕1号" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item label="印发日期" name="issueDate">
            <DatePicker format="YYYY年M月D日" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item label="发文单位" name="issuingBody">
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item label="开始年度" name="startYear" rules={numberRules(YEAR, '请填写开始年度')}>
            <NumberInput width={140} />
          </Form.Item>
          <Form.Item label="结束年度" name="endYear" rules={numberRules(YEAR, '请填写结束年度')}>
            <NumberInput width={140} />
          </Form.Item>
        </Space>
        {published && (
          <Form.Item label="修改原因" name="reason" extra="方案已发布，修改须填写原因，记入审计日志。">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
