export const ChannelKind = { WeCom: 'wecom', DingTalk: 'dingtalk' } as const;
export type ChannelKind = (typeof ChannelKind)[keyof typeof ChannelKind];

interface Service {
  label: string;
  host: string;
  path: string;
  tokenParam: string;
}

const SERVICES: Record<ChannelKind, Service> = {
  wecom: { label: '企业微信群机器人', host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', tokenParam: 'key' },
  dingtalk: { label: '钉钉自定义机器人', host: 'oapi.dingtalk.com', path: '/robot/send', tokenParam: 'access_token' },
};

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * A robot's webhook must be the service's own https endpoint with its token: anything else would
 * send the office's messages (and the token) somewhere else.
 */
export function checkWebhookUrl(kind: ChannelKind, raw: string): UrlCheck {
  const service = SERVICES[kind];
  const expected = `https://${service.host}${service.path}?${service.tokenParam}=…`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `Webhook 地址格式不正确，${service.label}的地址应为 ${expected}` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `Webhook 地址必须使用 https，应为 ${expected}` };
  if (url.username || url.password || url.port || url.hostname !== service.host || url.pathname !== service.path)
    return { ok: false, reason: `不是${service.label}的 Webhook 地址，应为 ${expected}` };
  const token = url.searchParams.get(service.tokenParam) ?? '';
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(token))
    return { ok: false, reason: `Webhook 地址缺少有效的 ${service.tokenParam} 参数，应为 ${expected}` };
  return { ok: true, url: url.toString() };
}

/** Where a request actually goes: the service, or the configured local listener with the same path and query. */
export function deliveryUrl(url: string, redirect: string | null): string {
  if (!redirect) return url;
  const parsed = new URL(url);
  return `${redirect}${parsed.pathname}${parsed.search}`;
}
