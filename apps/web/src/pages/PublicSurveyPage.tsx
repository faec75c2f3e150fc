import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Radio, Result, Spin, Typography } from 'antd';
import { ApiError, type ErrorDetail } from '../api';
import type { PublicQuestionnaire } from '../api/types';

// The respondent has no account: this page talks to the public routes with plain fetch, never
// with the signed-in client (which would try to refresh a session and redirect to the login).

type Questionnaire = PublicQuestionnaire;

type Answer = { questionId: string; optionIndex: number } | { questionId: string; dontKnow: true };

const DONT_KNOW = 'dont-know';

/** The token is the last segment of `/survey/<token>`; anything else is no token at all. */
function tokenFromPath(pathname: string): string | null {
  const match = /\/survey\/([A-Za-z0-9_-]{43})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: a proxy's error page */
  }
  if (!res.ok) {
    const { message, details } = (body ?? {}) as { message?: unknown; details?: unknown };
    throw new ApiError(
      res.status,
      typeof message === 'string' ? message : `请求失败（${res.status}）`,
      Array.isArray(details) ? (details as ErrorDetail[]) : [],
    );
  }
  return body as T;
}

type State =
  | { kind: 'loading' }
  | { kind: 'form'; questionnaire: Questionnaire }
  | { kind: 'done' }
  | { kind: 'refused'; title: string; message: string; status: 'warning' | 'info' | '404' | 'error' };

function refusalOf(error: unknown): Extract<State, { kind: 'refused' }> {
  if (error instanceof ApiError) {
    if (error.statusCode === 404 || error.statusCode === 400)
      return {
        kind: 'refused',
        status: '404',
        title: '问卷链接无效',
        message: '请核对链接是否完整，或联系发放问卷的单位。',
      };
    if (error.statusCode === 410)
      return { kind: 'refused', status: 'info', title: '问卷无法填写', message: error.message };
    return { kind: 'refused', status: 'error', title: '暂时无法打开问卷', message: error.message };
  }
  return { kind: 'refused', status: 'error', title: '网络异常', message: '请检查网络后刷新页面重试。' };
}

/** 满意度调查问卷: opened from a one-use link `/survey/<token>`, no sign-in, works on a phone. */
export default function PublicSurveyPage() {
  const token = useMemo(() => tokenFromPath(window.location.pathname), []);
  const [state, setState] = useState<State>(() =>
    token
      ? { kind: 'loading' }
      : {
          kind: 'refused',
          status: '404',
          title: '问卷链接无效',
          message: '请核对链接是否完整，或联系发放问卷的单位。',
        },
  );
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, string>>();

  useEffect(() => {
    if (!token) return;
    let live = true;
    request<Questionnaire>(`/api/public/surveys/${token}`).then(
      (questionnaire) => live && setState({ kind: 'form', questionnaire }),
      (error: unknown) => live && setState(refusalOf(error)),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (state.kind === 'loading') {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (state.kind !== 'form') {
    return (
      <Shell>
        {state.kind === 'done' ? (
          <Result
            status="success"
            title="提交成功"
            subTitle="感谢您的参与！您的意见将用于专项资金绩效评价。"
            data-testid="survey-done"
          />
        ) : (
          <Result status={state.status} title={state.title} subTitle={state.message} data-testid="survey-refused" />
        )}
      </Shell>
    );
  }

  const { questionnaire } = state;

  async function submit(values: Record<string, string>) {
    setSubmitting(true);
    setProblem(null);
    const answers: Answer[] = questionnaire.questions.map((q) =>
      values[q.id] === DONT_KNOW
        ? { questionId: q.id, dontKnow: true }
        : { questionId: q.id, optionIndex: Number(values[q.id]) },
    );
    try {
      await request(`/api/public/surveys/${token}/responses`, { method: 'POST', body: JSON.stringify({ answers }) });
      setState({ kind: 'done' });
      window.scrollTo(0, 0);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 400) {
        // `answers.3.optionIndex` names the fourth question in the order they were sent.
        const fields = error.details.flatMap((d: ErrorDetail) => {
          const index = /^answers\.(\d+)/.exec(d.field)?.[1];
          const question = index === undefined ? undefined : questionnaire.questions[Number(index)];
          return question ? [{ name: question.id, errors: [d.reason] }] : [];
        });
        form.setFields(fields);
        setProblem(fields.length ? error.message : [error.message, ...error.details.map((d) => d.reason)].join('：'));
      } else {
        setState(refusalOf(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const choices = [
    ...questionnaire.options.map((o) => ({ value: String(o.index), label: o.label })),
    ...(questionnaire.allowDontKnow ? [{ value: DONT_KNOW, label: questionnaire.dontKnowLabel }] : []),
  ];

  return (
    <Shell>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {questionnaire.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {questionnaire.year}年 · {questionnaire.projectName}
      </Typography.Paragraph>
      {questionnaire.intro && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{questionnaire.intro}</Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        共 {questionnaire.questions.length} 题，每题选择一项。本问卷匿名填写，每个链接只能提交一次。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        scrollToFirstError={{ block: 'center' }}
        data-testid="survey-form"
      >
        {questionnaire.questions.map((q) => (
          <Form.Item
            key={q.id}
            name={q.id}
            label={<span style={{ fontWeight: 500, whiteSpace: 'normal' }}>{`${q.position}. ${q.text}`}</span>}
            rules={[{ required: true, message: '请选择一项' }]}
            style={{ marginBottom: 20 }}
          >
            <Radio.Group orientation="vertical" options={choices} style={{ width: '100%', rowGap: 10 }} />
          </Form.Item>
        ))}
        {problem && (
          <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} data-testid="survey-error" />
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          提交问卷
        </Button>
      </Form>
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '16px 12px' }}>
      <Card style={{ maxWidth: 640, margin: '0 auto' }} styles={{ body: { padding: '20px 16px' } }}>
        {children}
      </Card>
    </div>
  );
}
