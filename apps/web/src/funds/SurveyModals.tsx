import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, List, Modal, Space, Switch, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, client, type Schema } from '../api/client';
import { dayStartIso, formatDateTime } from '../format';
import { ApiErrorAlert, NumberInput, numberRules, numberValue, useFormSubmit, validated, wholeNumber } from '../forms';
import type { IssuedToken, Survey } from '../api/types';

/** The scale every new survey uses (the API's default): best answer first, weights in %. */
export const DEFAULT_SCALE = [
  { label: '满意', weight: 100 },
  { label: '比较满意', weight: 80 },
  { label: '一般', weight: 60 },
  { label: '不太满意', weight: 30 },
  { label: '不满意', weight: 0 },
];

const DEFAULT_QUESTIONS = [
  '您对专项资金申报指南与流程的满意程度',
  '您对资金拨付及时性的满意程度',
  '您对项目管理服务（评审、验收）的满意程度',
  '您对专项资金支持效果的总体满意程度',
];

/** The end of a calendar day in Asia/Shanghai, as an instant. */
function endOfDayIso(d: Dayjs): string {
  return dayjs(dayStartIso(d.format('YYYY-MM-DD')))
    .add(1, 'day')
    .subtract(1, 'second')
    .toISOString();
}

interface CreateValues {
  title: string;
  intro?: string;
  questions: string[];
  allowDontKnow: boolean;
  closesAt?: Dayjs | null;
}

const CREATE_FIELDS = ['title', 'intro', 'questions', 'allowDontKnow', 'closesAt', 'options'] as const;
const CREATE_LABELS: Record<string, string> = {
  title: '调查标题',
  intro: '问卷说明',
  questions: '问题',
  closesAt: '截止日期',
  options: '选项',
};

/** A new satisfaction survey: title, introduction, questions in order, the default five-point scale. */
export function CreateSurveyModal({
  open,
  fund,
  onClose,
  onCreated,
}: {
  open: boolean;
  fund: { id: string; name: string; year: number };
  onClose: () => void;
  onCreated: (s: Survey) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, CREATE_FIELDS);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
    form.setFieldsValue({
      title: `${fund.year}年${fund.name}服务对象满意度调查`,
      questions: DEFAULT_QUESTIONS,
      allowDontKnow: true,
    });
  }, [open, fund, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreateSurveyDto'> = {
      title: v.title.trim(),
      intro: v.intro?.trim() ?? '',
      questions: v.questions.map((q) => q.trim()),
      allowDontKnow: v.allowDontKnow,
    };
    if (v.closesAt) body.closesAt = endOfDayIso(v.closesAt);
    await submit(
      () =>
        answer(
          client.POST('/api/fund-projects/{projectId}/surveys', { params: { path: { projectId: fund.id } }, body }),
        ),
      '满意度调查已创建',
      onCreated,
    );
  }

  return (
    <Modal
      title="新建满意度调查"
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="创建"
      confirmLoading={saving}
      width={720}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={CREATE_LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="survey-create-form">
        <Form.Item
          label="调查标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写调查标题' }]}
        >
          <Input maxLength={200} data-testid="survey-title" />
        </Form.Item>
        <Form.Item label="问卷说明" name="intro">
          <Input.TextArea rows={2} maxLength={2000} placeholder="显示在问题上方，如调查目的、填写时间" />
        </Form.Item>
        <Form.List
          name="questions"
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                v && v.length ? Promise.resolve() : Promise.reject(new Error('至少需要一个问题')),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Typography.Text>问题（按顺序）</Typography.Text>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Typography.Text style={{ lineHeight: '32px', width: 24 }}>{i + 1}.</Typography.Text>
                  <Form.Item
                    name={f.name}
                    rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
                    style={{ marginBottom: 0, width: 560 }}
                  >
                    <Input maxLength={500} data-testid={`survey-question-${i}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除问题" />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <div style={{ margin: '8px 0 16px' }}>
                <Button icon={<PlusOutlined />} onClick={() => add('')}>
                  添加问题
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Space wrap size={24}>
          <Form.Item label="允许回答“不了解”" name="allowDontKnow" valuePropName="checked" extra="“不了解”不计入样本数">
            <Switch />
          </Form.Item>
          <Form.Item label="截止日期" name="closesAt" extra="不填则在办公室结束调查前一直开放">
            <DatePicker format="YYYY年M月D日" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          选项与权重（默认）：{DEFAULT_SCALE.map((o) => `${o.label} ${o.weight}%`).join('、')}。满意度 = Σ(人数 × 权重)
          ÷ 样本数。
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

interface IssueValues {
  count: number | string;
  expiresAt: Dayjs;
  label?: string;
}

const LINK_COUNT = wholeNumber(1, 500, ' 个');

const ISSUE_FIELDS = ['count', 'expiresAt', 'label'] as const;
const ISSUE_LABELS: Record<string, string> = { count: '链接数', expiresAt: '有效期', label: '发放对象' };

/** A default expiry the API accepts: the survey's own deadline, else the end of January after the budget year. */
function defaultExpiry(survey: Survey, year: number): Dayjs {
  return survey.closesAt ? dayjs(survey.closesAt) : dayjs(`${year + 1}-01-31`);
}

/**
 * Issues one-use questionnaire links. The API returns each link's token once and keeps only its
 * hash, so the links are shown here, with copy buttons, and never again.
 */
export function IssueLinksModal({
  projectId,
  year,
  survey,
  onClose,
  onIssued,
}: {
  projectId: string;
  year: number;
  survey: Survey | null;
  onClose: () => void;
  onIssued: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, ISSUE_FIELDS);
  const [issued, setIssued] = useState<IssuedToken[] | null>(null);

  useEffect(() => {
    if (!survey) return;
    clearFailure();
    setIssued(null);
    form.resetFields();
    form.setFieldsValue({ count: 10, expiresAt: defaultExpiry(survey, year), label: '' });
  }, [survey, year, form]);

  async function save() {
    if (!survey) return;
    const v = await validated(form);
    if (!v) return;
    const expiresAt =
      survey.closesAt && v.expiresAt.isSame(dayjs(survey.closesAt), 'day')
        ? dayjs(survey.closesAt).toISOString()
        : endOfDayIso(v.expiresAt);
    // Required and validated.
    const body = {
      count: numberValue(v.count, LINK_COUNT)!,
      expiresAt,
      ...(v.label?.trim() ? { label: v.label.trim() } : {}),
    };
    await submit(
      () =>
        answer(
          client.POST('/api/fund-projects/{projectId}/surveys/{surveyId}/tokens', {
            params: { path: { projectId, surveyId: survey.id } },
            body,
          }),
        ),
      (tokens) => `已生成 ${tokens.length} 个问卷链接`,
      (tokens) => {
        setIssued(tokens);
        onIssued();
      },
    );
  }

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      message.success(`已复制${what}`);
    } catch {
      message.error('复制失败，请手动选择链接复制');
    }
  }

  return (
    <Modal
      title={survey ? `发放问卷链接：${survey.title}` : ''}
      open={!!survey}
      onCancel={onClose}
      width={820}
      forceRender
      footer={
        issued ? (
          <Button type="primary" onClick={onClose} data-testid="issued-done">
            我已保存链接，关闭
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="issue-links-submit">
              生成链接
            </Button>
          </Space>
        )
      }
    >
      {issued ? (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="以下链接只显示这一次，请立即复制保存并发给调查对象"
            description={
              `每个链接只能提交一次，有效期至 ${formatDateTime(issued[0]?.expiresAt)}。` +
              '平台只保存链接的校验值，关闭后无法再次查看。'
            }
          />
          <Button
            icon={<CopyOutlined />}
            onClick={() => void copy(issued.map((t) => t.url).join('\n'), `全部 ${issued.length} 个链接`)}
            style={{ marginBottom: 8 }}
            data-testid="copy-all-links"
          >
            复制全部链接
          </Button>
          <List
            size="small"
            bordered
            dataSource={issued}
            style={{ maxHeight: 360, overflow: 'auto' }}
            data-testid="issued-links"
            renderItem={(t, i) => (
              <List.Item
                key={t.id}
                actions={[
                  <Button
                    key="copy"
                    size="small"
                    icon={<CopyOutlined />}
                    onClick={() => void copy(t.url, `第 ${i + 1} 个链接`)}
                  >
                    复制
                  </Button>,
                ]}
              >
                <Typography.Text style={{ wordBreak: 'break-all' }} data-testid="issued-link" data-path={t.path}>
                  {i + 1}. {t.url}
                </Typography.Text>
              </List.Item>
            )}
          />
        </>
      ) : (
        <>
          <ApiErrorAlert failure={failure} labels={ISSUE_LABELS} onClose={clearFailure} />
          <Form form={form} layout="vertical" data-testid="issue-links-form">
            <Space wrap size={16} align="start">
              <Form.Item
                label="链接数"
                name="count"
                rules={numberRules(LINK_COUNT, '请填写链接数')}
                extra="1–500 个，每个链接只能提交一次"
              >
                <NumberInput width={140} testId="issue-count" />
              </Form.Item>
              <Form.Item
                label="有效期至"
                name="expiresAt"
                rules={[{ required: true, message: '请选择有效期' }]}
                extra="当日 24 时前有效，不晚于调查截止时间，最长一年"
              >
                <DatePicker
                  format="YYYY年M月D日"
                  allowClear={false}
                  style={{ width: 180 }}
                  data-testid="issue-expires"
                />
              </Form.Item>
              <Form.Item label="发放对象（可选）" name="label">
                <Input maxLength={100} placeholder="如：受补助企业" style={{ width: 200 }} />
              </Form.Item>
            </Space>
          </Form>
        </>
      )}
    </Modal>
  );
}
