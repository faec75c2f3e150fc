import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/common';
import type { ByteRange, RangeChoice } from '@app/reporting';

export interface EvidenceDownload {
  filename: string;
  mime: string;
  /** The whole file's size. */
  size: number;
  stream: Readable;
  range?: ByteRange;
}

/**
 * What the request's Range header picks once the file's size is known (Express's `req.range`, RFC 9110):
 * one range is served as 206; none, a malformed one or several (multipart answers are not offered) as the
 * whole file; one past the end is refused with 416 and the size in Content-Range.
 */
export function requestedRange(request: Request, response: Response): RangeChoice | undefined {
  if (!request.headers.range) return undefined;
  return (size) => {
    const ranges = request.range(size, { combine: true });
    if (ranges === -1) {
      response.setHeader('Content-Range', `bytes */${size}`);
      throw new DomainError(ErrorCode.RangeNotSatisfiable, '请求的文件范围超出文件大小', [
        { field: 'range', reason: `文件共 ${size} 字节` },
      ]);
    }
    if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
    return { start: ranges[0]!.start, end: ranges[0]!.end };
  };
}

/** Sends an evidence file, or the range of it that was opened, as an attachment or inline. */
export async function sendEvidence(
  response: Response,
  file: EvidenceDownload,
  disposition: 'attachment' | 'inline',
): Promise<void> {
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Content-Type', file.mime);
  response.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  if (file.range) {
    response.status(206);
    response.setHeader('Content-Range', `bytes ${file.range.start}-${file.range.end}/${file.size}`);
    response.setHeader('Content-Length', String(file.range.end - file.range.start + 1));
  } else {
    response.setHeader('Content-Length', String(file.size));
  }
  if (response.req.method === 'HEAD') {
    // Node drops a HEAD response's body: reading the file for it would be wasted.
    file.stream.destroy();
    response.end();
    return;
  }
  try {
    await pipeline(file.stream, response);
  } catch (error) {
    // The client went away mid-download: nothing to answer, and nothing wrong on our side.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}
