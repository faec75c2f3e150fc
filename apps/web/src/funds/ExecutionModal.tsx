import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import { formatMonth } from '../format';
import { ApiErrorAlert, MONEY, numberRules, useFormSubmit, validated } from '../forms';
import { MoneyInput } from './FundFormModal';
import { moneyText } from './types';
import type { ExecutionRow, FundDetail } from '../api/types';

interface Values {
  subItemId?: string;
  month?: Dayjs | null;
  received?: string | null;
  spent?: string | null;
  advanceReason?: string;
  note?: string;
}

const FIELDS = ['subItemId', 'month', 'received', 'spent', 'advanceReason', 'note'] as const;
const LABELS: Record<string, string> = {
  subItemId: '子项',
  month: '月份',
  received: '本月到位',
  spent: '本月支出',
  advanceReason: '垫付说明',
  note: '备注',
};

export interface ExecutionDraft {
  subItemId?: string;
  month: string;
}

/**
 * Records one month of one sub-item (本月到位资金 and 本月支出, 万元); the same month again replaces
 * it. Spending ahead of the money received needs an advance reason, which the API asks for on its field.
 */
export function ExecutionModal({
  fund,
  draft,
  rows,
  onClose,
  onSaved,
}: {
  fund: FundDetail;
  draft: ExecutionDraft | null;
  rows: ExecutionRow[];
  onClose: () => void;
  onSaved: (row: ExecutionRow) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const subItemId = Form.useWatch('subItemId', form);
  const month = Form.useWatch('month', form);
  const existing = rows.find((r) => r.subItemId === subItemId && r.month === month?.format('YYYY-MM'));

  function fill(found: ExecutionRow | undefined) {
    form.setFieldsValue({
      received: found?.received ?? null,
      spent: found?.spent ?? null,
      advanceReason: found?.advanceReason ?? '',
      note: found?.note ?? '',
    });
  }

  useEffect(() => {
    if (!draft) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({ subItemId: draft.subItemId, month: dayjs(`${draft.month}-01`) });
    fill(rows.find((r) => r.subItemId === draft.subItemId && r.month === draft.month));
    // A new draft starts the form; rows reloading must not overwrite what is being typed.
  }, [draft, form]);

  async function save() {
    const v = await validated(form);
    // Both are required fields of the form: validation has filled them in.
    if (!v?.subItemId || !v.month) return;
    const body: Schema<'ExecutionDto'> = {
      subItemId: v.subItemId,
      month: v.month.format('YYYY-MM'),
      received: moneyText(v.received),
      spent: moneyText(v.spent),
      note: v.note ?? '',
    };
    if (v.advanceReason?.trim()) body.advanceReason = v.advanceReason.trim();
    await submit(
      () => answer(client.POST('/api/fund-projects/{id}/executions', { params: { path: { id: fund.id } }, body })),
      (saved) => `已保存${formatMonth(saved.month)}执行数`,
      onSaved,
    );
  }

  return (
    <Modal
      title="填报资金执行情况"
      open={!!draft}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={640}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form
        form={form}
        layout="vertical"
        data-testid="execution-form"
        onValuesChange={(changed: Values, all: Values) => {
          if (!('subItemId' in changed) && !('month' in changed)) return;
          fill(rows.find((r) => r.subItemId === all.subItemId && r.month === all.month?.format('YYYY-MM')));
        }}
      >
        <Space wrap size={16} align="start">
          <Form.Item label="子项" name="subItemId" rules={[{ required: true, message: '请选择子项' }]}>
            <Select
              style={{ width: 340 }}
              options={fund.subItems.map((s) => ({ value: s.id, label: s.name }))}
              placeholder="选择子项"
              data-testid="execution-sub-item"
            />
          </Form.Item>
          <Form.Item label="月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker
              picker="month"
              format="YYYY年M月"
              allowClear={false}
              style={{ width: 160 }}
              disabledDate={(d) => d.year() !== fund.year}
              data-testid="execution-month"
            />
          </Form.Item>
        </Space>
        {existing && (
          <Typography.Paragraph type="warning" data-testid="execution-existing">
            该子项{formatMonth(existing.month)}已有记录，保存将覆盖。
          </Typography.Paragraph>
        )}
        <Space wrap size={16}>
          <Form.Item label="本月到位资金" name="received" rules={numberRules(MONEY, '请填写本月到位资金（没有填 0）')}>
            <MoneyInput testId="execution-received" />
          </Form.Item>
          <Form.Item label="本月支出" name="spent" rules={numberRules(MONEY, '请填写本月支出（没有填 0）')}>
            <MoneyInput testId="execution-spent" />
          </Form.Item>
        </Space>
        <Form.Item label="垫付说明" name="advanceReason" extra="累计支出超过累计到位资金时必须填写。">
          <Input.TextArea rows={2} maxLength={500} data-testid="execution-advance-reason" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
