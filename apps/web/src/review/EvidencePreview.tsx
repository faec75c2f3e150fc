import { useEffect, useState } from 'react';
import { Alert, Modal, Spin } from 'antd';
import { messageOf } from '../api';
import { client } from '../api/client';
import { fileOf } from '../api/files';

/** What the server shows inline (PDF and images); the upload checks each file's name against its content. */
export function isPreviewable(filename: string): boolean {
  return /\.(pdf|png|jpe?g)$/i.test(filename);
}

interface Props {
  reportId: string;
  file: { sha256: string; filename: string } | null;
  onClose: () => void;
}

/** One evidence file shown in a dialog: a PDF in the browser's viewer, an image as it is. */
export function EvidencePreview({ reportId, file, onClose }: Props) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    // The token travels in a header, which an <iframe src> cannot send: the file is fetched and shown from memory.
    fileOf(
      client.GET('/api/reports/{id}/evidence/{sha256}/preview', {
        params: { path: { id: reportId, sha256: file.sha256 } },
        parseAs: 'blob',
      }),
      file.filename,
    ).then(
      ({ blob }) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [reportId, file]);

  const pdf = file ? /\.pdf$/i.test(file.filename) : false;
  return (
    <Modal
      title={file ? `预览：${file.filename}` : '预览'}
      open={!!file}
      onCancel={onClose}
      footer={null}
      width={pdf ? 900 : 720}
      destroyOnHidden
    >
      <div data-testid="evidence-preview">
        {error ? (
          <Alert type="error" showIcon title={error} />
        ) : !url ? (
          <Spin />
        ) : pdf ? (
          <iframe
            src={url}
            title={file?.filename}
            data-testid="evidence-preview-pdf"
            style={{ width: '100%', height: '70vh', border: 0 }}
          />
        ) : (
          <img
            src={url}
            alt={file?.filename}
            data-testid="evidence-preview-image"
            style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }}
          />
        )}
      </div>
    </Modal>
  );
}
