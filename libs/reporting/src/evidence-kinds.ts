import { DomainError, ErrorCode } from '@app/common';

/** The default of EVIDENCE_MAX_BYTES. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** How many leading bytes recognising a file type needs (the longest signature below). */
export const EVIDENCE_HEAD_BYTES = 8;

/** Accepted evidence: by extension, confirmed by the file's leading bytes. */
const kinds: { extensions: string[]; mime: string; magic: (b: Buffer) => boolean }[] = [
  { extensions: ['pdf'], mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    extensions: ['png'],
    mime: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    extensions: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: isZip,
  },
  { extensions: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
  {
    extensions: ['pptx'],
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: isZip,
  },
  { extensions: ['ofd'], mime: 'application/ofd', magic: isZip },
  { extensions: ['doc'], mime: 'application/msword', magic: isOle },
  { extensions: ['xls'], mime: 'application/vnd.ms-excel', magic: isOle },
];

function isZip(b: Buffer): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOle(b: Buffer): boolean {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

export const allowedEvidenceExtensions = kinds.flatMap((k) => k.extensions);

/** The media types a stored evidence file is served with. */
export const evidenceMediaTypes = [...new Set(kinds.map((k) => k.mime))];

/**
 * The media types a browser may show in the page (预览): PDF and images, which it renders without running the
 * file's own code. Office documents and anything else are only ever sent as attachments.
 */
export const previewableEvidenceTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export function isPreviewable(mime: string): boolean {
  return (previewableEvidenceTypes as readonly string[]).includes(mime);
}

/**
 * The MIME type of an upload, judged from its name, its size and its first bytes (all a streamed
 * upload has to show once it is written); anything else is refused as the user would be told.
 * The upper bound on the size was enforced while the bytes were staged (EvidenceStore.maxBytes).
 */
export function classifyEvidence(filename: string, head: Buffer, size: number): { mime: string } {
  if (size === 0) throw DomainError.validation('文件为空', [{ field: 'file', reason: '文件为空' }]);
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const kind = kinds.find((k) => k.extensions.includes(extension));
  if (!kind || !kind.magic(head)) {
    throw DomainError.validation(`不支持的附件类型，请上传 ${allowedEvidenceExtensions.join('、')} 文件`, [
      { field: 'file', reason: '文件类型不支持或内容与扩展名不符' },
    ]);
  }
  return { mime: kind.mime };
}

export function evidenceTooLarge(maxBytes: number): DomainError {
  return new DomainError(ErrorCode.TooLarge, `附件不能超过 ${readableSize(maxBytes)}`);
}

function readableSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

/** The name shown for a download: no path separators or control characters, at most 255 characters. */
export function evidenceDisplayName(filename: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
  return filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-255);
}
