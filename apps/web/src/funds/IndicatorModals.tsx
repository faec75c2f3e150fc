import { useEffect } from 'react';
import { Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import { answer, client } from '../api/client';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import { periodLabels } from './types';
import type { ActualPeriod, Indicator } from '../api/types';

function title(i: Indicator | null): string {
  return i ? `${i.level3}${i.unit ? `（${i.unit}）` : ''}` : '';
}

const TARGET_FIELDS = ['halfYear', 'fullYear'] as const;
const TARGET_LABELS: Record<string, string> = { halfYear: '半年目标值', fullYear: '全年目标值' };

/**
 * Changes an indicator's targets as a cell is written (≥360项, ＝100%, ≤2023年12月31日, 规范, 序时进度);
 * a numeric target keeps the indicator's unit.
 */
export function TargetModal({
  projectId,
  indicator,
  onClose,
  onSaved,
}: {
  projectId: string;
  indicator: Indicator | null;
  onClose: () => void;
  onSaved: (i: Indicator) => void;
}) {
  const [form] = Form.useForm<{ halfYear: string; fullYear: string }>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, TARGET_FIELDS);

  useEffect(() => {
    if (!indicator) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({ halfYear: indicator.halfYearText, fullYear: indicator.fullYearText });
  }, [indicator, form]);

  async function save() {
    if (!indicator) return;
    const v = await validated(form);
    if (!v) return;
    const body = { halfYear: v.halfYear?.trim() ? v.halfYear.trim() : null, fullYear: v.fullYear.trim() };
    await submit(
      () =>
        answer(
          client.PATCH('/api/fund-projects/{id}/indicators/{indicatorId}', {
            params: { path: { id: projectId, indicatorId: indicator.id } },
            body,
          }),
        ),
      '目标值已保存',
      onSaved,
    );
  }

  return (
    <Modal
      title={`修改目标值：${title(indicator)}`}
      open={!!indicator}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={TARGET_LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="target-form">
        <Form.Item label="半年目标值" name="halfYear" extra="不填则半年按全年目标判断">
          <Input maxLength={100} data-testid="target-half" />
        </Form.Item>
        <Form.Item
          label="全年目标值"
          name="fullYear"
          rules={[{ required: true, whitespace: true, message: '请填写全年目标值' }]}
        >
          <Input maxLength={100} data-testid="target-full" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        写法如“≥360{indicator?.unit || '项'}
        {'”“＝100%”“≤2023年12月31日”“规范”“序时进度”；'}
        数值目标的单位须与指标单位（{indicator?.unit || '无'}）一致。
      </Typography.Text>
    </Modal>
  );
}

interface ActualValues {
  period: ActualPeriod;
  text: string;
  deviationReason?: string;
  note?: string;
}

const ACTUAL_FIELDS = ['period', 'text', 'deviationReason', 'note'] as const;
const ACTUAL_LABELS: Record<string, string> = {
  period: '期间',
  text: '实际完成值',
  deviationReason: '偏离原因',
  note: '备注',
  evidence: '佐证材料',
};

/** Records what an indicator reached at mid-year or year end, in the indicator's unit; the API judges attainment. */
export function ActualModal({
  projectId,
  indicator,
  period,
  onClose,
  onSaved,
}: {
  projectId: string;
  indicator: Indicator | null;
  period: ActualPeriod;
  onClose: () => void;
  onSaved: (i: Indicator) => void;
}) {
  const [form] = Form.useForm<ActualValues>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, ACTUAL_FIELDS);
  const chosen = Form.useWatch('period', form) ?? period;

  function fill(p: ActualPeriod) {
    const actual = indicator?.[p];
    form.setFieldsValue({
      text: actual?.text ?? '',
      deviationReason: actual?.deviationReason ?? '',
      note: actual?.note ?? '',
    });
  }

  useEffect(() => {
    if (!indicator) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({ period });
    fill(period);
    // Opening the dialog (a new indicator or period) starts the form over.
  }, [indicator, period, form]);

  async function save() {
    if (!indicator) return;
    const v = await validated(form);
    if (!v) return;
    const body = {
      period: v.period,
      text: v.text.trim(),
      deviationReason: v.deviationReason?.trim() ?? '',
      note: v.note?.trim() ?? '',
    };
    await submit(
      () =>
        answer(
          client.PUT('/api/fund-projects/{id}/indicators/{indicatorId}/actual', {
            params: { path: { id: projectId, indicatorId: indicator.id } },
            body,
          }),
        ),
      '实际完成值已保存',
      onSaved,
    );
  }

  const target = indicator
    ? chosen === 'half'
      ? indicator.halfYearText || indicator.fullYearText
      : indicator.fullYearText
    : '';
  return (
    <Modal
      title={`填报实际完成值：${title(indicator)}`}
      open={!!indicator}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={ACTUAL_LABELS} onClose={clearFailure} />
      {indicator && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'l', label: '指标', children: `${indicator.level1} / ${indicator.level2} / ${indicator.level3}` },
            { key: 't', label: `${periodLabels[chosen]}目标值`, children: target || '—' },
          ]}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        data-testid="actual-form"
        onValuesChange={(changed: Partial<ActualValues>) => changed.period && fill(changed.period)}
      >
        <Form.Item label="期间" name="period">
          <Radio.Group
            options={(['half', 'full'] as const).map((p) => ({ value: p, label: `${periodLabels[p]}` }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          label="实际完成值"
          name="text"
          rules={[{ required: true, whitespace: true, message: '请填写实际完成值' }]}
          extra={`与目标值同一单位，如“380${indicator?.unit || '项'}”；定性指标填“完成”“规范”等。`}
        >
          <Input maxLength={100} data-testid="actual-text" />
        </Form.Item>
        <Form.Item label="偏离原因" name="deviationReason" extra="未达到目标值时请说明原因。">
          <Input.TextArea rows={2} maxLength={1000} data-testid="actual-reason" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
