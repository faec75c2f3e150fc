import type { ChannelKind } from './webhook-url.js';

/** What a post's answer means for it. */
export type ReplyOutcome =
  | { kind: 'sent' }
  /** Not delivered, and worth trying again later (the service's rate limit, a busy moment, HTTP 429/5xx). */
  | { kind: 'retry'; reason: string }
  /** Not delivered, and trying again cannot help (a wrong key or signature, a removed robot, a refused message). */
  | { kind: 'failed'; reason: string };

/*
 * Both services answer HTTP 200 with an `errcode`. The codes that mean "later" (all others fail the post):
 * - 企业微信 (全局错误码, developer.work.weixin.qq.com/document/path/90313): -1 系统繁忙; 45009 接口调用超过限制
 *   (a group robot takes 20 messages a minute). Wrong keys answer 93000 (invalid webhook url) and 40058 (invalid parameter).
 * - 钉钉 (自定义机器人 常见问题, open.dingtalk.com/document/robots/custom-robot-access): -1 系统繁忙; 130101
 *   "send too fast, exceed 20 times per minute". A wrong secret answers 310000 (sign not match), a wrong token 300001.
 */
const RETRY_CODES: Record<ChannelKind, ReadonlySet<number>> = {
  wecom: new Set([-1, 45009]),
  dingtalk: new Set([-1, 130101]),
};

export function classifyReply(channel: ChannelKind, httpStatus: number, body: unknown): ReplyOutcome {
  if (httpStatus === 429 || httpStatus >= 500) return { kind: 'retry', reason: `HTTP ${httpStatus}` };
  if (httpStatus < 200 || httpStatus >= 300) return { kind: 'failed', reason: `HTTP ${httpStatus}` };
  if (typeof body !== 'object' || body === null || !('errcode' in body) || typeof body.errcode !== 'number')
    return { kind: 'failed', reason: '应答无法识别（没有 errcode）' };
  const errmsg = 'errmsg' in body && typeof body.errmsg === 'string' ? body.errmsg : '';
  if (body.errcode === 0) return { kind: 'sent' };
  const reason = `errcode ${body.errcode}${errmsg ? `: ${errmsg}` : ''}`;
  return RETRY_CODES[channel].has(body.errcode) ? { kind: 'retry', reason } : { kind: 'failed', reason };
}
