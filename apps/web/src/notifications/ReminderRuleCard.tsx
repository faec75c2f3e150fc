import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Select, Space, TimePicker } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, client } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { ApiErrorAlert, NumberInput, numberRules, numberValue, useFormSubmit, validated, wholeNumber } from '../forms';
import { keys } from '../queries';
import type { ReminderRule } from '../api/types';

export type { ReminderRule };

interface Values {
  beforeDays: number[];
  sendTime: Dayjs | null;
  escalateAfterHours: number | string;
  nudgeAfterDays: number | string;
}

const HOURS = wholeNumber(0, 720, '小时');
const DAYS = wholeNumber(0, 365, '天');

const FIELDS = ['beforeDays', 'sendTime', 'escalateAfterHours', 'nudgeAfterDays'] as const;
const DAY_OPTIONS = Array.from({ length: 29 }, (_, d) => ({ value: d, label: d === 0 ? '截止当天' : `提前${d}天` }));

function timeOf(hhmm: string): Dayjs {
  const [h, m] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0);
}

export function describeRule(r: ReminderRule) {
  return [
    {
      key: 'before',
      label: '截止前提醒',
      children: r.beforeDays.length
        ? r.beforeDays.map((d) => (d === 0 ? '截止当天' : `提前${d}天`)).join('、')
        : '不提醒',
    },
    { key: 'time', label: '发送时间', children: r.sendTime },
    {
      key: 'escalate',
      label: '逾期催报',
      children: r.escalateAfterHours === 0 ? '截止后的第一个发送时间' : `截止后${r.escalateAfterHours}小时`,
    },
    {
      key: 'nudge',
      label: '无更新提醒',
      children: r.nudgeAfterDays === 0 ? '不提醒' : `任务${r.nudgeAfterDays}天无更新时提醒`,
    },
  ];
}

/** A plan's reminder rule: read by everyone, changed by the office (the worker picks it up on its next run). */
export function ReminderRuleCard({
  planId,
  planTitle,
  editable,
}: {
  planId: string;
  planTitle: string;
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const rule = useQuery({
    queryKey: keys.reminderRule(planId),
    queryFn: () => answer(client.GET('/api/plans/{id}/reminder-rule', { params: { path: { id: planId } } })),
  });
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const { failure, clearFailure, submit } = useFormSubmit(form, FIELDS);

  useEffect(() => {
    if (!rule.data || !editing) return;
    form.setFieldsValue({ ...rule.data, sendTime: timeOf(rule.data.sendTime) });
  }, [rule.data, editing, form]);

  if (rule.error) return <ErrorPage error={rule.error} />;
  if (!rule.data) return <Loading />;

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body = {
      beforeDays: v.beforeDays,
      sendTime: v.sendTime ? v.sendTime.format('HH:mm') : rule.data!.sendTime,
      escalateAfterHours: numberValue(v.escalateAfterHours, HOURS) ?? 0,
      nudgeAfterDays: numberValue(v.nudgeAfterDays, DAYS) ?? 0,
    };
    await submit(
      () => answer(client.PUT('/api/plans/{id}/reminder-rule', { params: { path: { id: planId } }, body })),
      '提醒规则已保存',
      (saved) => {
        clearFailure();
        setEditing(false);
        queryClient.setQueryData(keys.reminderRule(planId), saved);
      },
    );
  }

  return (
    <Card
      title={`提醒规则：${planTitle}`}
      size="small"
      extra={
        editable &&
        !editing && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="edit-reminder-rule">
            修改
          </Button>
        )
      }
      data-testid="reminder-rule"
    >
      {!editing ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={describeRule(rule.data)} />
      ) : (
        <>
          <ApiErrorAlert failure={failure} onClose={clearFailure} />
          <Form form={form} layout="vertical">
            <Form.Item label="截止前提醒" name="beforeDays" extra="报送截止前的哪几天给联络员发提醒">
              <Select mode="multiple" options={DAY_OPTIONS} style={{ maxWidth: 480 }} />
            </Form.Item>
            <Space wrap size={16}>
              <Form.Item label="发送时间" name="sendTime" rules={[{ required: true, message: '请选择发送时间' }]}>
                <TimePicker format="HH:mm" minuteStep={5} />
              </Form.Item>
              <Form.Item
                label="逾期催报（截止后小时数）"
                name="escalateAfterHours"
                extra="0：截止后的第一个发送时间"
                rules={numberRules(HOURS, '请填写小时数')}
              >
                <NumberInput suffix="小时" width={140} />
              </Form.Item>
              <Form.Item
                label="无更新提醒（天）"
                name="nudgeAfterDays"
                extra="0：不提醒"
                rules={numberRules(DAYS, '请填写天数')}
              >
                <NumberInput suffix="天" width={140} />
              </Form.Item>
            </Space>
            <Space>
              <Button type="primary" onClick={() => void save()} data-testid="save-reminder-rule">
                保存
              </Button>
              <Button onClick={() => setEditing(false)}>取消</Button>
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
