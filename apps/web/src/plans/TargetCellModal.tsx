import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { answer, client, type Schema } from '../api/client';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import type { BreakdownIndicator } from '../api/types';

export interface TargetCell {
  planId: string;
  indicator: BreakdownIndicator;
  unitId: string;
  unitName: string;
  year: number;
  value: string | null;
}

const NUMBER = /^-?\d{1,14}(\.\d{1,6})?$/;
const FIELDS = ['value'] as const;
const LABELS: Record<string, string> = {
  value: '目标值',
  textValue: '目标描述',
  operator: '比较方式',
  unitId: '单位',
  indicatorId: '指标',
};

/** Replaces one cell of the breakdown: a number stays numeric, anything else is a qualitative target (规范, 充分 …). */
export function TargetCellModal({
  cell,
  onClose,
  onSaved,
}: {
  cell: TargetCell | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<{ value: string }>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!cell) return;
    clearFailure();
    form.setFieldsValue({ value: cell.value ?? '' });
  }, [cell, form]);

  async function save() {
    if (!cell) return;
    const values = await validated(form);
    if (!values) return;
    const { value } = values;
    const text = value.trim();
    const numeric = NUMBER.test(text);
    const body: Schema<'TargetDto'> = {
      planId: cell.planId,
      indicatorId: cell.indicator.id,
      unitId: cell.unitId,
      year: cell.year,
      kind: numeric ? 'numeric' : 'qualitative',
      ...(numeric ? { value: text } : { textValue: text }),
    };
    await submit(
      () => answer(client.PUT('/api/targets', { body })),
      '目标值已保存',
      () => onSaved(),
    );
  }

  return (
    <Modal
      title={cell ? `${cell.unitName} · ${cell.indicator.name} · ${cell.year}年` : ''}
      open={!!cell}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical">
        <Form.Item
          label={`目标值${cell?.indicator.unitOfMeasure ? `（${cell.indicator.unitOfMeasure}）` : ''}`}
          name="value"
          rules={[{ required: true, whitespace: true, message: '请填写目标值' }]}
        >
          <Input data-testid="target-value" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        填数字为数值目标，填文字（如“规范”）为定性目标。保存后重新核对各县（市、区）合计。
      </Typography.Text>
    </Modal>
  );
}
