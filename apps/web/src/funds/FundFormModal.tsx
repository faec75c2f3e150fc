import { useEffect, useMemo } from 'react';
import { Col, Form, Input, Modal, Row, Select, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import { formatWan } from '../format';
import {
  ApiErrorAlert,
  MONEY,
  NumberInput,
  numberRules,
  numberText,
  numberValue,
  useFormSubmit,
  validated,
  YEAR,
} from '../forms';
import { unitOptions, useUnits } from '../units';
import { fundSources, moneyGreater, moneyText, projectKindLabels, sumMoney, type FundSource } from './types';
import type { FundDetail } from '../api/types';

type Values = {
  name: string;
  ownerUnitId: string;
  year: number | string;
  startYear?: number | string | null;
  endYear?: number | string | null;
  kind?: FundDetail['kind'];
  level?: string;
  personInCharge?: string;
  halfYearPlan?: string | null;
  fullYearBudget?: string | null;
  implementingUnit?: string;
  necessity?: string;
  feasibility?: string;
  implementationContent?: string;
  midLongTermGoal?: string;
  annualGoal?: string;
} & Partial<Record<FundSource, string | null>>;

const FIELDS = [
  'name',
  'ownerUnitId',
  'year',
  'startYear',
  'endYear',
  'kind',
  'level',
  'personInCharge',
  'implementingUnit',
  'halfYearPlan',
  'fullYearBudget',
  'necessity',
  'feasibility',
  'implementationContent',
  'midLongTermGoal',
  'annualGoal',
  ...fundSources.map((s) => s.key),
] as const;
const LABELS: Record<string, string> = {
  name: '项目名称',
  ownerUnitId: '主管部门',
  year: '预算年度',
  startYear: '起始年度',
  endYear: '结束年度',
  kind: '项目类型',
  level: '项目级次',
  personInCharge: '项目负责人',
  halfYearPlan: '半年计划执行数',
  fullYearBudget: '全年（程）预算数',
  implementingUnit: '实施单位',
  necessity: '立项必要性',
  feasibility: '实施可行性',
  implementationContent: '项目实施内容',
  midLongTermGoal: '中长期目标',
  annualGoal: '年度目标',
  items: '子项',
  version: '版本',
  ...Object.fromEntries(fundSources.map((s) => [s.key, s.label])),
};

/**
 * An amount in 万元, kept as text so nothing passes through a float; its Form.Item carries
 * `numberRules(MONEY)`, which refuses -50 or abc on the field instead of turning them into 0.00.
 */
export function MoneyInput(props: {
  value?: string | null;
  onChange?: (v: string) => void;
  testId?: string;
  width?: number;
}) {
  return (
    <NumberInput
      value={props.value}
      onChange={props.onChange}
      suffix="万元"
      width={props.width ?? 200}
      testId={props.testId}
    />
  );
}

/**
 * Creates a budget project (the office), or edits one with its version: a stale version is refused
 * with 409 and offers to reload. The annual budget is the sum of the sources.
 */
export function FundFormModal({
  open,
  fund,
  onClose,
  onSaved,
  onReload,
}: {
  open: boolean;
  fund: FundDetail | null;
  onClose: () => void;
  onSaved: (f: FundDetail) => void;
  onReload?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const units = useUnits(open);
  const options = useMemo(() => unitOptions((units.data ?? []).filter((u) => u.kind !== 'province')), [units.data]);
  const budget = Form.useWatch((v: Values) => sumMoney(fundSources.map((s) => v[s.key])), form) ?? '0.00';
  const halfYearPlan = Form.useWatch('halfYearPlan', form);
  const halfTooBig = moneyGreater(halfYearPlan, budget);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    if (fund) {
      form.setFieldsValue({
        name: fund.name,
        ownerUnitId: fund.ownerUnitId,
        year: fund.year,
        startYear: fund.startYear,
        endYear: fund.endYear,
        kind: fund.kind,
        level: fund.level,
        personInCharge: fund.personInCharge,
        halfYearPlan: fund.halfYearPlan,
        fullYearBudget: fund.fullYearBudget,
        implementingUnit: fund.implementingUnit,
        necessity: fund.necessity,
        feasibility: fund.feasibility,
        implementationContent: fund.implementationContent,
        midLongTermGoal: fund.midLongTermGoal,
        annualGoal: fund.annualGoal,
        ...Object.fromEntries(fundSources.map((s) => [s.key, fund[s.key]])),
      });
    } else {
      form.setFieldsValue({ year: dayjs().year(), kind: 'recurring', level: '市级' });
    }
  }, [open, fund, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreateFundProjectDto'> = {
      name: v.name.trim(),
      ownerUnitId: v.ownerUnitId,
      // Required and validated: a year is there.
      year: numberValue(v.year, YEAR)!,
      kind: v.kind,
      level: v.level?.trim() ?? '',
      personInCharge: v.personInCharge?.trim() ?? '',
      halfYearPlan: moneyText(v.halfYearPlan),
      fullYearBudget: numberText(v.fullYearBudget, MONEY),
      implementingUnit: v.implementingUnit?.trim() ?? '',
      necessity: v.necessity ?? '',
      feasibility: v.feasibility ?? '',
      implementationContent: v.implementationContent ?? '',
      midLongTermGoal: v.midLongTermGoal ?? '',
      annualGoal: v.annualGoal ?? '',
      ...Object.fromEntries(fundSources.map((s) => [s.key, moneyText(v[s.key])])),
    };
    const startYear = numberValue(v.startYear, YEAR);
    const endYear = numberValue(v.endYear, YEAR);
    if (startYear) body.startYear = startYear;
    if (endYear) body.endYear = endYear;
    await submit(
      () =>
        fund
          ? answer(
              client.PATCH('/api/fund-projects/{id}', {
                params: { path: { id: fund.id } },
                body: { ...body, version: fund.version },
              }),
            )
          : answer(client.POST('/api/fund-projects', { body })),
      fund ? '项目已保存' : '项目已创建',
      onSaved,
    );
  }

  return (
    <Modal
      title={fund ? '修改项目信息' : '新建专项资金项目'}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={860}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onReload={onReload} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="fund-form">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              label="项目名称"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
            >
              <Input maxLength={300} data-testid="fund-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="主管部门" name="ownerUnitId" rules={[{ required: true, message: '请选择主管部门' }]}>
              <TreeSelect
                treeData={options}
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="选择单位"
                loading={units.isFetching}
                data-testid="fund-owner"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item label="预算年度" name="year" rules={numberRules(YEAR, '请填写预算年度')}>
              <NumberInput width="100%" testId="fund-year" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="起始年度" name="startYear" rules={numberRules(YEAR)}>
              <NumberInput width="100%" placeholder="同预算年度" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="结束年度" name="endYear" rules={numberRules(YEAR)}>
              <NumberInput width="100%" placeholder="同预算年度" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="项目类型" name="kind">
              <Select options={Object.entries(projectKindLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item label="项目级次" name="level">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item label="项目负责人" name="personInCharge">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          资金来源（万元）
        </Typography.Title>
        <Row gutter={16}>
          {fundSources.map((s) => (
            <Col key={s.key} xs={24} md={8}>
              <Form.Item label={s.label} name={s.key} style={{ marginBottom: 12 }} rules={numberRules(MONEY)}>
                <MoneyInput testId={`fund-${s.key}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space wrap size={24} align="start">
          <Form.Item label="年度预算（各来源合计）">
            <Typography.Text strong data-testid="fund-budget-sum">
              {formatWan(budget)}
            </Typography.Text>
          </Form.Item>
          <Form.Item
            label="半年计划执行数"
            name="halfYearPlan"
            rules={numberRules(MONEY)}
            validateStatus={halfTooBig ? 'warning' : undefined}
            help={halfTooBig ? '半年计划超过了年度预算' : undefined}
          >
            <MoneyInput testId="fund-halfYearPlan" />
          </Form.Item>
          <Form.Item label="全年（程）预算数" name="fullYearBudget" rules={numberRules(MONEY)}>
            <MoneyInput testId="fund-fullYearBudget" />
          </Form.Item>
        </Space>
        <Form.Item label="实施单位" name="implementingUnit">
          <Input maxLength={300} data-testid="fund-implementingUnit" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="立项必要性" name="necessity">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="实施可行性" name="feasibility">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="项目实施内容" name="implementationContent">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="中长期目标" name="midLongTermGoal">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="年度目标" name="annualGoal">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
