import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { api, download, messageOf } from '../api';
import { ImportPreview, withRefusal } from '../ImportPreview';
import type { ImportReport } from '../api/types';

/**
 * A spreadsheet upload in a drawer, with the import's empty template to download: choosing a file runs the preview (预检) at once and previews every
 * problem and change; the commit sends the same file again and writes all or nothing.
 */
export function SpreadsheetImport({
  open,
  title,
  path,
  query = {},
  hint,
  template,
  controls,
  onClose,
  onCommitted,
}: {
  open: boolean;
  title: string;
  /** POST target; `mode` is added to the query. */
  path: string;
  query?: Record<string, string | number | undefined>;
  hint?: ReactNode;
  /** The import's template: GET path and the file name to save it under. */
  template: { path: string; filename: string };
  /** Choices that shape the import (e.g. the period), above the upload button. */
  controls?: ReactNode;
  onClose: () => void;
  onCommitted: (report: ImportReport) => void;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryKey = JSON.stringify(query);

  // A new drawer, or a changed choice, starts over: the preview belongs to the file and the choices.
  useEffect(() => {
    setFile(null);
    setReport(null);
    setError(null);
  }, [open, queryKey]);

  async function run(mode: 'dry-run' | 'commit', f: File | null = file) {
    if (!f) return;
    setBusy(true);
    setError(null);
    const fd = new FormData();
    fd.append('file', f, f.name);
    try {
      // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
      const r = await api<ImportReport>(path, { method: 'POST', query: { ...query, mode }, form: fd });
      setReport(r);
      if (mode === 'commit') {
        if (r.committed) {
          message.success('导入完成');
          onCommitted(r);
        } else setError('导入未完成：表中有问题，未写入任何数据');
      }
    } catch (e) {
      setError(messageOf(e));
      setReport((prev) => withRefusal(prev, e));
    } finally {
      setBusy(false);
    }
  }

  const committed = !!report?.committed;
  const canCommit = !!report && report.dryRun && report.problems.length === 0 && !committed;

  return (
    <Drawer title={title} open={open} onClose={onClose} size={1000} destroyOnHidden>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Space wrap style={{ marginBottom: 16 }}>
        {controls}
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void download(template.path, template.filename).catch((e: unknown) => message.error(messageOf(e)))
          }
          data-testid="import-template"
        >
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
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {report && (
        <ImportPreview
          report={report}
          committed={committed}
          busy={busy}
          canCommit={canCommit}
          onCommit={() => void run('commit')}
        />
      )}
    </Drawer>
  );
}
