import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError, messageOf } from '../api';
import { answer, client } from '../api/client';
import { formatWan } from '../format';
import { MONEY, numberRules, showFieldErrors, validated } from '../forms';
import { detailText } from '../field-labels';
import { MoneyInput } from './FundFormModal';
import { moneyGreater, moneyText, sumMoney } from './types';
import type { FundDetail } from '../api/types';

interface Row {
  name?: string;
  budget?: string | null;
  halfYearPlan?: string | null;
}

/**
 * Replaces a fund's sub-items (子项) by name: new names are added, the others updated or removed.
 * The API refuses removing one with execution records, and budgets above the fund's.
 */
export function SubItemsDrawer({
  fund,
  open,
  onClose,
  onSaved,
}: {
  fund: FundDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (f: FundDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: Row[] }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const total =
    Form.useWatch((v: { items?: Row[] }) => sumMoney((v.items ?? []).map((r) => r?.budget)), form) ?? '0.00';

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({
      items: fund.subItems.map((s) => ({ name: s.name, budget: s.budget, halfYearPlan: s.halfYearPlan })),
    });
  }, [open, fund, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const items = (v.items ?? []).map((r) => ({
      name: (r.name ?? '').trim(),
      budget: moneyText(r.budget),
      halfYearPlan: moneyText(r.halfYearPlan),
    }));
    setSaving(true);
    setProblem(null);
    try {
      const saved = await answer(
        client.PUT('/api/fund-projects/{id}/sub-items', { params: { path: { id: fund.id } }, body: { items } }),
      );
      message.success('子项已保存');
      onSaved(saved);
    } catch (e) {
      const rest = showFieldErrors(form, e, ['items']);
      setProblem([e instanceof ApiError ? e.message : messageOf(e), ...rest.map((d) => detailText(d))].join('；'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title="编辑子项"
      open={open}
      onClose={onClose}
      size={760}
      forceRender
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="sub-items-save">
          保存
        </Button>
      }
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          closable
          onClose={() => setProblem(null)}
          data-testid="sub-items-error"
        />
      )}
      <Typography.Paragraph type="secondary">
        子项预算合计不能超过项目年度预算（{formatWan(fund.annualBudget)}）；已有执行记录的子项不能删除。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.List name="items">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length > 0 && (
                <Space style={{ marginBottom: 4 }}>
                  <Typography.Text type="secondary" style={{ display: 'inline-block', width: 260 }}>
                    子项名称
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'inline-block', width: 170 }}>
                    预算（万元）
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'inline-block', width: 170 }}>
                    半年计划执行数（万元）
                  </Typography.Text>
                </Space>
              )}
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap data-testid={`sub-item-row-${f.name}`}>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: '请填写子项名称' }]}
                  >
                    <Input placeholder="子项名称" maxLength={200} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'budget']} rules={numberRules(MONEY, '请填写预算')}>
                    <MoneyInput width={170} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'halfYearPlan']}
                    dependencies={[['items', f.name, 'budget']]}
                    rules={[
                      ...numberRules(MONEY),
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | null | undefined) =>
                          moneyGreater(value, getFieldValue(['items', f.name, 'budget']))
                            ? Promise.reject(new Error('半年计划不能超过子项预算'))
                            : Promise.resolve(),
                      }),
                    ]}
                  >
                    <MoneyInput width={170} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除子项" />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Space style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ budget: '0', halfYearPlan: '0' })}>
                  添加子项
                </Button>
                <Typography.Text type={moneyGreater(total, fund.annualBudget) ? 'danger' : 'secondary'}>
                  子项预算合计：{formatWan(total)}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
