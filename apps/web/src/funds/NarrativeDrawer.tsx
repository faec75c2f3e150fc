import { useEffect, useState } from 'react';
import { App, Alert, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { ApiError, messageOf } from '../api';
import { answer, client } from '../api/client';
import type { FundEvaluation } from '../api/types';

type Narrative = FundEvaluation['narrative'];

/** The report's sections the evaluator writes, in the order of 财预〔2020〕10号's outline. */
const SECTIONS: { key: keyof Narrative; label: string; hint: string }[] = [
  {
    key: 'purpose',
    label: '二（一）评价目的、对象和范围',
    hint: '如：了解资金使用效益，评价对象为……，范围为2023年度全部支出',
  },
  {
    key: 'method',
    label: '二（二）评价原则、方法和标准',
    hint: '评价指标体系由平台按评价方案写入，此处补充原则、方法（比较法、因素分析法等）和标准',
  },
  {
    key: 'process',
    label: '二（三）评价工作过程',
    hint: '前期准备、组织实施（资料核查、现场调研、满意度调查）、分析评价',
  },
  { key: 'experience', label: '五（一）主要经验及做法', hint: '' },
  { key: 'problems', label: '五（二）存在的问题及原因分析', hint: '扣分指标的原因已由平台列出，此处写明问题及其原因' },
  { key: 'suggestions', label: '六、有关建议', hint: '' },
  { key: 'other', label: '七、其他需要说明的问题', hint: '没有的写“无”' },
];

/**
 * The evaluator writes the narrative parts of the evaluation report; the computed parts (基本情况,
 * 综合评价, 指标分析) come from the platform. What is left empty is marked in the document for completion.
 */
export function NarrativeDrawer({
  view,
  open,
  onClose,
  onSaved,
}: {
  view: FundEvaluation;
  open: boolean;
  onClose: () => void;
  onSaved: (v: FundEvaluation) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Narrative>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.setFieldsValue(view.narrative);
      setProblem(null);
    }
  }, [open, view, form]);

  async function save() {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await answer(
        client.PUT('/api/fund-projects/{id}/evaluation/narrative', {
          params: { path: { id: view.projectId } },
          body: form.getFieldsValue(),
        }),
      );
      message.success('评价报告内容已保存');
      onSaved(saved);
      onClose();
    } catch (e) {
      if (e instanceof ApiError)
        form.setFields(e.details.map((d) => ({ name: d.field as keyof Narrative, errors: [d.reason] })));
      setProblem(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title="撰写评价报告"
      open={open}
      onClose={onClose}
      size="large"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="narrative-save">
            保存
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        报告按财政部《项目支出绩效评价报告（参考提纲）》（财预〔2020〕10号）编排：
        {'基本情况、综合评价和指标分析由平台生成，'}
        {'以下各部分由评价人员撰写；未填写的部分在报告中以“待评价人员填写”标出。'}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {SECTIONS.map((s) => (
          <Form.Item key={s.key} name={s.key} label={s.label} extra={s.hint || undefined}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={5000}
              showCount
              data-testid={`narrative-${s.key}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
