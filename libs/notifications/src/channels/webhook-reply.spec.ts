import { describe, expect, it } from '@jest/globals';
import { classifyReply } from './webhook-reply.js';

describe('webhook answers', () => {
  it.each([
    ['wecom', 200, { errcode: 0, errmsg: 'ok' }, 'sent'],
    ['dingtalk', 200, { errcode: 0, errmsg: 'ok' }, 'sent'],
    ['wecom', 200, { errcode: 45009, errmsg: 'api freq out of limit' }, 'retry'],
    ['dingtalk', 200, { errcode: 130101, errmsg: 'send too fast' }, 'retry'],
    ['dingtalk', 200, { errcode: -1, errmsg: 'system busy' }, 'retry'],
    ['wecom', 200, { errcode: 93000, errmsg: 'invalid webhook url' }, 'failed'],
    ['wecom', 200, { errcode: 40058, errmsg: 'invalid parameter' }, 'failed'],
    ['dingtalk', 200, { errcode: 310000, errmsg: 'sign not match' }, 'failed'],
    ['dingtalk', 200, { errcode: 300001, errmsg: 'token is not exist' }, 'failed'],
    // One service's rate-limit code means nothing special to the other.
    ['wecom', 200, { errcode: 130101 }, 'failed'],
    ['dingtalk', 200, { errcode: 45009 }, 'failed'],
    ['wecom', 429, null, 'retry'],
    ['dingtalk', 502, null, 'retry'],
    ['dingtalk', 404, null, 'failed'],
    ['wecom', 200, { ok: true }, 'failed'],
    ['wecom', 200, null, 'failed'],
  ] as const)('%s HTTP %i %j → %s', (kind, status, body, outcome) => {
    expect(classifyReply(kind, status, body).kind).toBe(outcome);
  });

  it('keeps the service errcode and message as the reason', () => {
    expect(classifyReply('dingtalk', 200, { errcode: 310000, errmsg: 'sign not match' })).toEqual({
      kind: 'failed',
      reason: 'errcode 310000: sign not match',
    });
  });
});
