import { describe, expect, it } from '@jest/globals';
import { checkWebhookUrl, deliveryUrl } from './webhook-url.js';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=1a2b3c4d5e6f7a8b9c0d';

describe('webhook URL check', () => {
  it.each([
    ['wecom', WECOM],
    ['dingtalk', DINGTALK],
  ] as const)('accepts the %s endpoint with its token', (kind, url) => {
    expect(checkWebhookUrl(kind, `  ${url} `)).toEqual({ ok: true, url });
  });

  it.each([
    ['http instead of https', 'dingtalk', DINGTALK.replace('https:', 'http:'), '必须使用 https'],
    [
      'another host',
      'dingtalk',
      DINGTALK.replace('oapi.dingtalk.com', 'oapi.dingtalk.com.evil.cn'),
      '不是钉钉自定义机器人',
    ],
    ['the other service', 'dingtalk', WECOM, '不是钉钉自定义机器人'],
    ['another path', 'wecom', WECOM.replace('/send', '/upload_media'), '不是企业微信群机器人'],
    ['a port', 'wecom', WECOM.replace('qq.com/', 'qq.com:8443/'), '不是企业微信群机器人'],
    ['credentials', 'wecom', WECOM.replace('https://', 'https://u:p@'), '不是企业微信群机器人'],
    ['no token', 'dingtalk', 'https://oapi.dingtalk.com/robot/send', '缺少有效的 access_token'],
    ['a token with odd characters', 'wecom', `${WECOM}'%20OR`, '缺少有效的 key'],
    ['not a URL', 'wecom', 'qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', '格式不正确'],
  ] as const)('refuses %s with a Chinese reason', (_, kind, url, reason) => {
    const result = checkWebhookUrl(kind, url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('sends to the redirect origin with the same path and query when one is set', () => {
    expect(deliveryUrl(`${DINGTALK}&sign=x%2By`, 'http://127.0.0.1:8026')).toBe(
      'http://127.0.0.1:8026/robot/send?access_token=1a2b3c4d5e6f7a8b9c0d&sign=x%2By',
    );
    expect(deliveryUrl(WECOM, null)).toBe(WECOM);
  });
});
