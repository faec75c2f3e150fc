import { useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, download, messageOf } from '../api';
import { ImportPreview, withRefusal } from '../ImportPreview';
import { keys } from '../queries';
import { useSession } from '../session';
import type { ImportReport } from '../api/types';

const kinds = [
  { value: 'tasks', label: '任务清单（附件1）' },
  { value: 'projects', label: '项目清单（附件2）' },
  { value: 'goals', label: '主要目标' },
  { value: 'breakdown', label: '任务分解表' },
];

export default function ImportPage() {
  const { plan } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
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
      // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
      const r = await api<ImportReport>(`/api/plans/${plan.id}/imports/${kind}`, {
        method: 'POST',
        query: { mode },
        form: fd,
      });
      setReport(r);
      if (mode === 'commit') {
        setCommitted(true);
        message.success('导入完成');
        // Tasks, projects, goals and targets: everything read of the plan, and what units have to report on it.
        void queryClient.invalidateQueries({ queryKey: keys.plan(plan.id) });
        void queryClient.invalidateQueries({ queryKey: keys.reporting() });
      } else setCommitted(false);
    } catch (e) {
      setError(messageOf(e));
      setReport((prev) => withRefusal(prev, e));
    } finally {
      setBusy(false);
    }
  }

  async function downloadTemplate() {
    if (!plan) return;
    const label = kinds.find((k) => k.value === kind)?.label ?? '';
    try {
      await download(`/api/plans/${plan.id}/import-templates/${kind}`, `${label}模板.xlsx`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  const canCommit =
    !!report && report.dryRun && report.problems.length === 0 && !committed && (!published || reason.trim() !== '');

  return (
    <Card title="任务清单导入">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={kind}
          onChange={(v) => {
            setKind(v);
            setReport(null);
          }}
          options={kinds}
          style={{ width: 180 }}
          data-testid="import-kind"
        />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="import-template">
          下载模板
        </Button>
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
          <Button icon={<UploadOutlined />} loading={busy} data-testid="import-upload">
            选择文件并预检
          </Button>
        </Upload>
        {file && <Typography.Text>{file.name}</Typography.Text>}
      </Space>
      {published && report && report.problems.length === 0 && !committed && (
        <Space style={{ marginBottom: 16, width: '100%' }} orientation="vertical">
          <Typography.Text>方案已发布，导入修改须说明原因：</Typography.Text>
          <Input.TextArea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="如：根据领导小组会议调整任务分工"
            data-testid="import-reason"
          />
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {report && (
        <ImportPreview
          report={report}
          committed={committed}
          busy={busy}
          canCommit={canCommit}
          onCommit={() => void run('commit')}
        />
      )}
    </Card>
  );
}
