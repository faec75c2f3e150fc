import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppEnv } from '@app/config';
import { DomainError, ErrorCode } from '@app/common';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** Accepted evidence: by extension, confirmed by the file's leading bytes. */
const kinds: { extensions: string[]; mime: string; magic: (b: Buffer) => boolean }[] = [
  { extensions: ['pdf'], mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { extensions: ['png'], mime: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { extensions: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: isZip },
  { extensions: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
  { extensions: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: isZip },
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

/**
 * Evidence files in one directory every process reaches (EVIDENCE_DIR), stored under their
 * SHA-256 so the same file is kept once; written to a temporary name and renamed into place.
 */
@Injectable()
export class EvidenceStore {
  constructor(private readonly env: AppEnv) {}

  /** Checks type and size; returns the content address and MIME type. */
  classify(buffer: Buffer, filename: string): { sha256: string; mime: string } {
    if (buffer.length === 0) throw DomainError.validation('文件为空', [{ field: 'file', reason: '文件为空' }]);
    if (buffer.length > MAX_EVIDENCE_BYTES) throw new DomainError(ErrorCode.TooLarge, `附件不能超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
    const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
    const kind = kinds.find((k) => k.extensions.includes(extension));
    if (!kind || !kind.magic(buffer)) {
      throw DomainError.validation(`不支持的附件类型，请上传 ${allowedEvidenceExtensions.join('、')} 文件`, [{ field: 'file', reason: '文件类型不支持或内容与扩展名不符' }]);
    }
    return { sha256: createHash('sha256').update(buffer).digest('hex'), mime: kind.mime };
  }

  async put(sha256: string, buffer: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    try {
      await stat(target);
      return;
    } catch {
      /* not stored yet */
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, buffer);
    await rename(temporary, target);
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    return path.resolve(this.env.EVIDENCE_DIR, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}
