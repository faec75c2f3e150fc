import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, jsonNestingExceeds } from '@app/common';

/** Deeper than any body of ours (a scheme tree is the deepest) and far below what overflows class-transformer's recursion. */
export const MAX_JSON_DEPTH = 32;

/**
 * Options for the JSON body parser. The nesting check reads the raw bytes before JSON.parse, so a
 * body nested thousands deep is refused as a 400 (no route, public or not, ever transforms it).
 */
export const jsonBodyOptions = {
  limit: '1mb',
  verify: (_req: IncomingMessage, _res: ServerResponse, raw: Buffer): void => {
    if (jsonNestingExceeds(raw, MAX_JSON_DEPTH)) {
      throw DomainError.validation('请求体嵌套层级过深', [
        { field: 'body', reason: `对象和数组的嵌套不能超过 ${MAX_JSON_DEPTH} 层` },
      ]);
    }
  },
};
