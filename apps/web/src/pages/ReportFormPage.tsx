import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { PaperClipOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, download, fieldErrors, messageOf } from '../api';
import { answer, client, type Schema } from '../api/client';
import { ErrorPage, Forbidden, Loading } from '../components';
import { NumberItem, numberValue, PERCENT } from '../forms';
import { formatDate, formatDateTime, monthLabel, progressLabels, statusColors, statusLabels } from '../format';
import { invalidateReports, keys } from '../queries';
import type { ReportView } from '../api/types';
import type { ProgressStatus, TodoItem } from '../api/types';
import { IndicatorValuesForm } from '../reports/IndicatorValuesForm';
import { ProjectProgressForm } from '../reports/ProjectProgressForm';
import { usePlatformNow } from '../reports/platformClock';
import { countyFiguresBody, type CountyFigureValues } from '../reports/reportForm';
import { useLateConfirmation } from '../reports/useLateConfirmation';

interface FormValues extends CountyFigureValues {
  progressStatus?: ProgressStatus;
  completionPercent?: string | number | null;
  narrative?: string;
  problems?: string;
  nextSteps?: string;
}

const FIELDS: (keyof FormValues)[] = ['progressStatus', 'completionPercent', 'narrative', 'problems', 'nextSteps'];
const AUTOSAVE_MS = 1200;

type SubjectType = Schema<'SaveDraftDto'>['subjectType'];
const subjectTypes: SubjectType[] = ['assignment', 'indicators', 'project'];

interface Loaded {
  todo: TodoItem | null;
  report: ReportView | null;
}

async function loadReport(periodId: string, subjectType: SubjectType | undefined, subjectId: string): Promise<Loaded> {
  // A subject type that is none of the API's names no report has.
  if (!subjectType) return { todo: null, report: null };
  const [todoList, page] = await Promise.all([
    answer(client.GET('/api/reporting/todo')).catch((): TodoItem[] => []),
    answer(client.GET('/api/reports', { params: { query: { periodId, subjectType, pageSize: 200 } } })),
  ]);
  const todo =
    todoList.find((t) => t.periodId === periodId && t.subjectId === subjectId && t.subjectType === subjectType) ?? null;
  const row = page.items.find((r) => r.subjectId === subjectId);
  const report = row ? await answer(client.GET('/api/reports/{id}', { params: { path: { id: row.id } } })) : null;
  return { todo, report };
}

function valuesOf(report: ReportView | null): FormValues {
  if (!report) return {};
  return {
    progressStatus: report.progressStatus ?? undefined,
    completionPercent: report.completionPercent === null ? null : Number(report.completionPercent),
    narrative: report.narrative,
    problems: report.problems,
    nextSteps: report.nextSteps,
  };
}

export default function ReportFormPage() {
  const { periodId = '', subjectType = '', subjectId = '' } = useParams();
  const subject = subjectTypes.find((t) => t === subjectType);
  const { data, error } = useQuery({
    queryKey: keys.reportEditor(periodId, subjectType, subjectId),
    queryFn: () => loadReport(periodId, subject, subjectId),
    // Once open, the form is the report's copy and saves its own changes; a later read would overwrite what is
    // being typed. Each visit starts from the server's copy: nothing of it is kept after leaving the page.
    staleTime: Infinity,
    gcTime: 0,
  });
  if (error) return <ErrorPage error={error} />;
  if (!data) return <Loading />;
  if (!subject || (!data.todo && !data.report))
    return <Forbidden message="无权访问：该报告不属于您的单位，或不存在。" />;
  return (
    <ReportForm
      key={`${periodId}/${subjectId}`}
      periodId={periodId}
      subjectType={subject}
      subjectId={subjectId}
      initial={data}
    />
  );
}

function ReportForm({
  periodId,
  subjectType,
  subjectId,
  initial,
}: {
  periodId: string;
  subjectType: SubjectType;
  subjectId: string;
  initial: Loaded;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [report, setReport] = useState<ReportView | null>(initial.report);
  const reportRef = useRef<ReportView | null>(initial.report);
  const [saveState, setSaveState] = useState<string>('');
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<ReportView | null>>(Promise.resolve(initial.report));
  const dirty = useRef(false);
  const platformNow = usePlatformNow();
  const confirmLate = useLateConfirmation(periodId, subjectType, subjectId);

  const editable = !report || report.status === 'draft' || report.status === 'returned';
  const todo = initial.todo;
  const label = report?.subjectLabel ?? todo?.label ?? '报告';
  const year = report?.period?.year ?? todo?.year;
  const month = report?.period?.month ?? todo?.month;
  const dueDate = report?.period?.dueDate ?? todo?.dueDate;

  /** A saved change: the form shows it, and the lists and figures that include the report read it again. */
  const applyReport = useCallback(
    (r: ReportView) => {
      reportRef.current = r;
      setReport(r);
      void invalidateReports(queryClient);
    },
    [queryClient],
  );

  /** Saves the draft now (after any save in flight); resolves to the saved report. */
  const save = useCallback((): Promise<ReportView | null> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    chain.current = chain.current.then(async () => {
      if (!dirty.current && reportRef.current) return reportRef.current;
      dirty.current = false;
      const values = form.getFieldsValue();
      const body: Schema<'SaveDraftDto'> = { periodId, subjectType, subjectId };
      if (reportRef.current) body.version = reportRef.current.version;
      if (values.progressStatus) body.progressStatus = values.progressStatus;
      // A refused value (150, abc) is not sent: the field says why, and the saved figure stays as it was.
      const percent = numberValue(values.completionPercent, PERCENT);
      if (percent !== null) body.completionPercent = percent;
      for (const f of ['narrative', 'problems', 'nextSteps'] as const)
        if (values[f] !== undefined) body[f] = values[f] ?? '';
      Object.assign(body, countyFiguresBody(subjectType, values));
      setSaveState('正在保存…');
      try {
        const saved = await answer(client.PUT('/api/reports', { body }));
        const full = { ...saved, evidence: saved.evidence ?? reportRef.current?.evidence ?? [] };
        applyReport(full);
        form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
        setFormError(null);
        setSaveState(`草稿已自动保存（${formatDateTime(platformNow())}）`);
        return full;
      } catch (e) {
        dirty.current = true;
        const errors = fieldErrors(e);
        const known = Object.keys(errors).filter((f) => (FIELDS as string[]).includes(f));
        if (known.length) form.setFields(known.map((f) => ({ name: f as keyof FormValues, errors: [errors[f]] })));
        setFormError(messageOf(e));
        setSaveState('保存失败');
        throw e;
      }
    });
    return chain.current.catch(() => {
      chain.current = Promise.resolve(reportRef.current);
      return null;
    });
  }, [applyReport, form, periodId, platformNow, subjectId, subjectType]);

  useEffect(() => {
    form.setFieldsValue(valuesOf(initial.report));
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [form, initial.report]);

  function onValuesChange() {
    if (!editable) return;
    dirty.current = true;
    setSaveState('有未保存的修改');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  async function upload(file: File) {
    dirty.current = dirty.current || !reportRef.current;
    const saved = await save();
    if (!saved) {
      message.error('请先修正表单中的错误，再上传佐证材料');
      return;
    }
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
      const r = await api<ReportView>(`/api/reports/${saved.id}/evidence`, { method: 'POST', form: fd });
      applyReport({ ...reportRef.current!, ...r });
      message.success(`已上传：${file.name}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function submit() {
    setSubmitting(true);
    try {
      await form.validateFields();
      if (!(await confirmLate())) return;
      const saved = await save();
      if (!saved) return;
      await answer(
        client.POST('/api/reports/{id}/submit', {
          params: { path: { id: saved.id } },
          body: { version: saved.version },
        }),
      );
      message.success('报告已提交，等待办公室审核');
      void invalidateReports(queryClient);
      navigate('/todo');
    } catch (e) {
      if (e instanceof ApiError) {
        setFormError(messageOf(e));
        message.error(messageOf(e));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Card
      title={
        <Space wrap>
          <span>填报：{label}</span>
          {report ? <Tag color={statusColors[report.status]}>{statusLabels[report.status]}</Tag> : <Tag>未填报</Tag>}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="报送月份">{year && month ? monthLabel(year, month) : '—'}</Descriptions.Item>
        <Descriptions.Item label="截止日期">{formatDate(dueDate)}</Descriptions.Item>
        <Descriptions.Item label="版本">{report?.version ?? '—'}</Descriptions.Item>
      </Descriptions>
      {report?.status === 'returned' && report.returnedReason && (
        <Alert
          type="error"
          showIcon
          title="报告被退回"
          description={`退回原因：${report.returnedReason}`}
          style={{ marginBottom: 16 }}
          data-testid="returned-alert"
        />
      )}
      {!editable && (
        <Alert
          type="info"
          showIcon
          title={`报告${statusLabels[report!.status]}，不能修改`}
          style={{ marginBottom: 16 }}
        />
      )}
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />
      )}
      <Form form={form} layout="vertical" disabled={!editable} onValuesChange={onValuesChange}>
        {subjectType === 'indicators' && (
          <IndicatorValuesForm periodId={periodId} subjectId={subjectId} editable={editable} />
        )}
        {subjectType === 'project' && (
          <ProjectProgressForm periodId={periodId} subjectId={subjectId} editable={editable} />
        )}
        {subjectType === 'assignment' && (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="推进状态" name="progressStatus" rules={[{ required: true, message: '请选择推进状态' }]}>
                <Select
                  placeholder="请选择"
                  options={Object.entries(progressLabels).map(([value, text]) => ({ value, label: text }))}
                  data-testid="progress-status"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <NumberItem
                label="完成进度"
                name="completionPercent"
                rule={PERCENT}
                required="请填写完成进度"
                input={{ suffix: '%', width: '100%', placeholder: '0–100', testId: 'completion-percent' }}
              />
            </Col>
          </Row>
        )}
        <Form.Item label="工作进展" name="narrative" rules={[{ required: true, message: '请填写工作进展' }]}>
          <Input.TextArea rows={4} maxLength={10000} showCount placeholder="本月主要工作进展" />
        </Form.Item>
        <Form.Item label="存在问题" name="problems">
          <Input.TextArea rows={3} maxLength={5000} placeholder="存在的困难和问题" />
        </Form.Item>
        <Form.Item label="下步计划" name="nextSteps">
          <Input.TextArea rows={3} maxLength={5000} placeholder="下一步工作计划" />
        </Form.Item>
      </Form>
      <Card type="inner" size="small" title="佐证材料" style={{ marginBottom: 16 }}>
        <List
          size="small"
          locale={{ emptyText: '暂无佐证材料' }}
          dataSource={report?.evidence ?? []}
          data-testid="evidence-list"
          renderItem={(file) => (
            <List.Item key={file.sha256}>
              <Space>
                <PaperClipOutlined />
                <Typography.Link
                  onClick={() => void download(`/api/reports/${report!.id}/evidence/${file.sha256}`, file.filename)}
                >
                  {file.filename}
                </Typography.Link>
                <Typography.Text type="secondary">{formatDateTime(file.uploadedAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {editable && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
              上传佐证材料
            </Button>
          </Upload>
        )}
      </Card>
      <Space wrap>
        {editable && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={submitting}
            onClick={() => void submit()}
            data-testid="submit-report"
          >
            提交
          </Button>
        )}
        {editable && <Button onClick={() => void save()}>保存草稿</Button>}
        <Button onClick={() => navigate('/todo')}>返回待办</Button>
        <Typography.Text type="secondary" data-testid="save-state">
          {saveState}
        </Typography.Text>
      </Space>
    </Card>
  );
}
