import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { download, fieldErrors, messageOf } from './api';
import { answer, client } from './api/client';
import { formatDate, formatDateTime, monthLabel, progressLabels, statusColors, statusLabels } from './format';
import { invalidateReports } from './queries';
import type { ReportView } from './api/types';
import { EvidencePreview, isPreviewable } from './review/EvidencePreview';
import { commonReturnReasons, withReason } from './review/returnReasons';

/**
 * One report read-only, with the office's 通过 / 退回 when it is submitted and the user may review. A decision
 * invalidates the report, its lists and the figures computed from reports; `onChanged` is for the page's own state.
 */
export function ReportDetail({
  report,
  canReview,
  onChanged,
}: {
  report: ReportView;
  canReview: boolean;
  onChanged?: (r: ReportView) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState<{ sha256: string; filename: string } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function accept() {
    setBusy(true);
    try {
      const r = await answer(client.POST('/api/reports/{id}/accept', { params: { path: { id: report.id } } }));
      message.success('已通过');
      void invalidateReports(queryClient);
      onChanged?.(r);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function doReturn() {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    try {
      const r = await answer(
        client.POST('/api/reports/{id}/return', { params: { path: { id: report.id } }, body: { reason } }),
      );
      message.success('已退回');
      setReturning(false);
      form.resetFields();
      void invalidateReports(queryClient);
      onChanged?.(r);
    } catch (e) {
      const errors = fieldErrors(e);
      if (errors.reason) form.setFields([{ name: 'reason', errors: [errors.reason] }]);
      else message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="report-detail">
      <Descriptions bordered size="small" column={1} labelStyle={{ width: 110 }}>
        <Descriptions.Item label="单位">{report.unitName}</Descriptions.Item>
        <Descriptions.Item label="报送事项">{report.subjectLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="报送月份">
          {report.period ? monthLabel(report.period.year, report.period.month) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="截止日期">{formatDate(report.period?.dueDate)}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Space>
            <Tag color={statusColors[report.status]}>{statusLabels[report.status]}</Tag>
            {report.late === true && <Tag color="orange">迟报</Tag>}
            {report.late === false && <Tag color="green">按时</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="提交时间">{formatDateTime(report.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="推进状态">
          {report.progressStatus ? progressLabels[report.progressStatus] : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="完成进度">
          {report.completionPercent === null ? '—' : `${Number(report.completionPercent)}%`}
        </Descriptions.Item>
        <Descriptions.Item label="工作进展">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {report.narrative || '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="存在问题">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {report.problems || '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="下步计划">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {report.nextSteps || '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="佐证材料">
          {(report.evidence ?? []).length === 0
            ? '无'
            : (report.evidence ?? []).map((f) => (
                <div key={f.sha256} data-testid="evidence-item">
                  <PaperClipOutlined />{' '}
                  <Typography.Link
                    onClick={() =>
                      void download(`/api/reports/${report.id}/evidence/${f.sha256}`, f.filename).catch((e: unknown) =>
                        message.error(messageOf(e)),
                      )
                    }
                  >
                    {f.filename}
                  </Typography.Link>
                  {isPreviewable(f.filename) && (
                    <Button
                      type="link"
                      size="small"
                      icon={<EyeOutlined />}
                      onClick={() => setPreviewing(f)}
                      data-testid="preview-evidence"
                    >
                      预览
                    </Button>
                  )}
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      {report.returnedReason && report.status === 'returned' && (
        <Alert type="error" showIcon title={`退回原因：${report.returnedReason}`} style={{ marginTop: 12 }} />
      )}
      {canReview && report.status === 'submitted' && (
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" loading={busy} onClick={() => void accept()} data-testid="accept-report">
            通过
          </Button>
          <Button danger onClick={() => setReturning(true)} data-testid="return-report">
            退回
          </Button>
        </Space>
      )}
      <Modal
        title="退回报告"
        open={returning}
        okText="确认退回"
        okButtonProps={{ danger: true, loading: busy }}
        cancelText="取消"
        onOk={() => void doReturn()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="常用原因（点选填入，可再修改）">
            <Space wrap size={[4, 4]} data-testid="return-reason-presets">
              {commonReturnReasons.map((reason) => (
                <Button
                  key={reason}
                  size="small"
                  onClick={() =>
                    form.setFieldsValue({
                      reason: withReason(form.getFieldValue('reason') as string | undefined, reason),
                    })
                  }
                >
                  {reason}
                </Button>
              ))}
            </Space>
          </Form.Item>
          <Form.Item
            label="退回原因"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}
          >
            <Input.TextArea rows={4} maxLength={1000} placeholder="请说明需要修改或补充的内容" />
          </Form.Item>
        </Form>
      </Modal>
      <EvidencePreview reportId={report.id} file={previewing} onClose={() => setPreviewing(null)} />
    </div>
  );
}
