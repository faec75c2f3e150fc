import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { digestInto, EvidenceDigester } from './evidence-digest.js';
import {
  classifyEvidence,
  evidenceDisplayName,
  evidenceMediaTypes,
  isPreviewable,
  MAX_EVIDENCE_BYTES,
} from './evidence-kinds.js';

const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('evidence kinds', () => {
  it.each([
    ['台账.pdf', Buffer.from('%PDF-1.7'), 'application/pdf'],
    ['现场.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['清单.xlsx', zip, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['通知.ofd', zip, 'application/ofd'],
    ['旧表.xls', ole, 'application/vnd.ms-excel'],
  ])('recognises %s by its name and first bytes', (name, head, mime) => {
    expect(classifyEvidence(name, head, 100)).toEqual({ mime });
  });

  it.each([
    ['tool.exe', Buffer.from('MZ\x90\x00'), 100, '不支持的附件类型'],
    ['fake.pdf', Buffer.from('not a pd'), 100, '不支持的附件类型'],
    ['noextension', Buffer.from('%PDF-1.7'), 100, '不支持的附件类型'],
    ['empty.pdf', Buffer.alloc(0), 0, '文件为空'],
  ])('refuses %s', (name, head, size, message) => {
    expect(() => classifyEvidence(name, head, size)).toThrow(message);
  });

  it('shows only PDF and images inline, never Office documents or anything unknown', () => {
    expect(evidenceMediaTypes.filter(isPreviewable)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    expect(isPreviewable('text/html')).toBe(false);
    expect(isPreviewable('image/svg+xml')).toBe(false);
  });

  it('keeps a display name free of path separators and control characters', () => {
    expect(evidenceDisplayName('..\\a/b\u0000c.pdf')).toBe('.._a_b_c.pdf');
    expect(evidenceDisplayName(`${'长'.repeat(300)}.pdf`)).toHaveLength(255);
  });
});

describe('evidence digester', () => {
  const drain = () => new Writable({ write: (_chunk, _encoding, done) => done() });

  it('hashes, counts and keeps the first bytes of what streams through, in any chunking', async () => {
    const bytes = Buffer.from('%PDF-1.4\n' + 'x'.repeat(10_000));
    const digester = new EvidenceDigester(MAX_EVIDENCE_BYTES);
    await pipeline(Readable.from([bytes.subarray(0, 3), bytes.subarray(3, 5), bytes.subarray(5)]), digester, drain());
    expect(digester.digest()).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      head: bytes.subarray(0, 8),
    });
  });

  it('fails the stream past the limit', async () => {
    await expect(
      pipeline(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), new EvidenceDigester(10), drain()),
    ).rejects.toThrow('附件不能超过 10 字节');
    await expect(
      pipeline(
        Readable.from([Buffer.alloc(MAX_EVIDENCE_BYTES), Buffer.alloc(1)]),
        new EvidenceDigester(MAX_EVIDENCE_BYTES),
        drain(),
      ),
    ).rejects.toThrow('附件不能超过 20 MB');
  });

  it('leaves a refused source drained for its owner, not destroyed', async () => {
    const source = Readable.from([Buffer.alloc(6), Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(digestInto(source, drain(), 10)).rejects.toThrow('附件不能超过');
    await finished(source); // read to its end, which a source destroyed with the error never reaches
    expect(source.errored).toBeNull();
  });
});
