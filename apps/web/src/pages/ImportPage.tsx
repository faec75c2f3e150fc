import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { CheckOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, messageOf } from '../api';
import { useSession } from '../session';
import type { ImportChange, ImportProblem, ImportReport } from '../types';

const kinds = [
  { value: 'tasks', label: '任务清单（附件1）' },
  { value: 'projects', label: '项目清单（附件2）' },
  { value: 'goals', label: '主要目标' },
  { value: 'breakdown', label: '任务分解表' },
];

const actionLabels: Record<string, { text: string; color: string }> = {
  create: { text: '新增', color: 'green' },
  update: { text: '修改', color: 'blue' },
  unchanged: { text: '不变', color: 'default' },
  remove: { text: '删除', color: 'red' },
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export default function ImportPage() {
  const { plan } = useSession();
  const { message } = App.useApp();
  const [kind, setKind] = useState('tasks');
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [committed, setCommitted] = useState(false);
  const published = plan?.status === 'published';

  async function run(mode: 'dry-run' | 'commit', f: File | null = file) {
    if (!f || !plan) return;
    setBusy(true);
    setError(null);
    const fd = new FormData();
    fd.append('file', f, f.name);
    if (mode === 'commit' && published) fd.append('reason', reason);
    try {
      const r = await api<ImportReport>(`/api/plans/${plan.id}/imports/${kind}`, { method: 'POST', query: { mode }, form: fd });
      setReport(r);
      if (mode === 'commit') {
        setCommitted(true);
        message.success('导入完成');
      } else setCommitted(false);
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError && e.details.length) {
        const problems: ImportProblem[] = e.details.map((d) => ({ sheet: '', row: 0, column: d.field, message: d.reason }));
        setReport((prev) => (prev ? { ...prev, problems: [...prev.problems, ...problems] } : prev));
      }
    } finally {
      setBusy(false);
    }
  }

  const problemRows = new Set((report?.problems ?? []).map((p) => p.row));
  const canCommit = !!report && report.dryRun && report.problems.length === 0 && !committed && (!published || reason.trim() !== '');

  return (
    <Card title="任务清单导入">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select value={kind} onChange={(v) => { setKind(v); setReport(null); }} options={kinds} style={{ width: 180 }} />
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            void run('dry-run', f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            选择文件并预览（试运行）
          </Button>
        </Upload>
        {file && <Typography.Text>{file.name}</Typography.Text>}
      </Space>
      {published && report && report.problems.length === 0 && !committed && (
        <Space style={{ marginBottom: 16, width: '100%' }} orientation="vertical">
          <Typography.Text>方案已发布，导入修改须说明原因：</Typography.Text>
          <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：根据领导小组会议调整任务分工" data-testid="import-reason" />
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {report && (
        <>
          <Alert
            type={report.problems.length ? 'error' : committed ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={
              committed
                ? '已导入'
                : report.problems.length
                  ? `发现 ${report.problems.length} 个问题，修正后重新上传；有问题时不会写入任何数据`
                  : '试运行：以下为将要发生的变化，确认无误后点击“确认导入”'
            }
          />
          <Descriptions size="small" bordered column={{ xs: 2, md: 4 }} style={{ marginBottom: 16 }} data-testid="import-summary">
            <Descriptions.Item label="新增">{report.summary.create}</Descriptions.Item>
            <Descriptions.Item label="修改">{report.summary.update}</Descriptions.Item>
            <Descriptions.Item label="不变">{report.summary.unchanged}</Descriptions.Item>
            <Descriptions.Item label="删除">{report.summary.remove}</Descriptions.Item>
            <Descriptions.Item label="问题">{report.problems.length}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>问题（{report.problems.length}）</Typography.Title>
          <Table<ImportProblem>
            rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.message}`}
            size="small"
            dataSource={report.problems}
            pagination={false}
            locale={{ emptyText: '没有发现问题' }}
            rowClassName={() => 'import-problem-row'}
            onRow={() => ({ style: { background: '#fff1f0' } })}
            data-testid="import-problems"
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 140 },
              { title: '行', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'column', width: 120 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            变更预览（{report.changes.length}）
          </Typography.Title>
          <Table<ImportChange>
            rowKey="key"
            size="small"
            dataSource={report.changes}
            pagination={{ pageSize: 20 }}
            locale={{ emptyText: `没有变化（${report.summary.unchanged} 项不变）` }}
            onRow={(c) => ({ style: problemRows.has(Number(c.key)) ? { background: '#fff1f0' } : undefined })}
            data-testid="import-changes"
            columns={[
              { title: '操作', key: 'a', width: 80, render: (_, c) => <Tag color={actionLabels[c.action]?.color}>{actionLabels[c.action]?.text ?? c.action}</Tag> },
              { title: '对象', dataIndex: 'label', width: 260 },
              {
                title: '变化',
                key: 'c',
                render: (_, c) =>
                  c.changes.map((f) => (
                    <div key={f.field}>
                      <Typography.Text strong>{f.field}</Typography.Text>：{show(f.before)} → {show(f.after)}
                    </div>
                  )),
              },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" icon={<CheckOutlined />} disabled={!canCommit} loading={busy} onClick={() => void run('commit')} data-testid="import-commit">
              确认导入
            </Button>
            {committed && <Typography.Text type="success">导入已完成</Typography.Text>}
          </Space>
        </>
      )}
    </Card>
  );
}
