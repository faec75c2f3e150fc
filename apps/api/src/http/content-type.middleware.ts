import { HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** The only bodies the API reads: JSON, and multipart form data on the upload routes. */
const ACCEPTED = ['application/json', 'application/*+json', 'multipart/form-data'];

/**
 * A body in any other type would be skipped by the parsers and the route would run as if none had
 * been sent (an all-optional update then "succeeds" doing nothing): refuse it as a 415 instead.
 */
export function contentTypeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  // An empty body (a browser's POST without one says Content-Length: 0 and no type) is no body.
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && req.path.startsWith('/api/') && !req.is(ACCEPTED)) {
    next(
      new HttpException(
        {
          statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          error: 'Unsupported Media Type',
          message: '不支持的内容类型',
          details: [{ field: 'Content-Type', reason: '请使用 application/json（上传文件用 multipart/form-data）' }],
        },
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ),
    );
    return;
  }
  next();
}
