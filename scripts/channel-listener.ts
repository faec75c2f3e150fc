// A stand-in for the 企业微信 and 钉钉 robot webhooks, for tests and the demo: answers as the services do
// (HTTP 200 with an errcode), checks the 钉钉 signature, records every message and can simulate the
// services' rate limit or a hanging request. The worker reaches it through CHANNEL_WEBHOOK_REDIRECT.
//   node --import ./scripts/ts-loader.mjs scripts/channel-listener.ts --port 8026 \
//     --robot dingtalk:<access_token>:<SEC…secret> --robot wecom:<key>
// Web page: http://127.0.0.1:8026/ ; JSON: GET /api/messages
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export type RobotKind = 'wecom' | 'dingtalk';

export interface ReceivedMessage {
  kind: RobotKind;
  token: string;
  body: unknown;
  receivedAt: number;
  errcode: number;
  errmsg: string;
}

export interface ChannelListener {
  url: string;
  port: number;
  /** Every request, answered or not yet, oldest first. */
  messages: ReceivedMessage[];
  /** Messages the service accepted (errcode 0). A held request counts as received, not yet as accepted. */
  delivered: () => ReceivedMessage[];
  addRobot: (kind: RobotKind, token: string, secret?: string) => void;
  /** The next `count` requests are answered with the service's rate-limit errcode. */
  rateLimitNext: (count: number) => void;
  /** Requests are recorded but not answered until `release`. */
  hold: () => void;
  release: () => void;
  clear: () => void;
  close: () => Promise<void>;
}

/** 企业微信 45009 接口调用超过限制; 钉钉 130101 send too fast (see webhook-reply.ts for the sources). */
const RATE_LIMITED: Record<RobotKind, { errcode: number; errmsg: string }> = {
  wecom: { errcode: 45009, errmsg: 'api freq out of limit' },
  dingtalk: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
};
const ONE_HOUR = 3_600_000;

function signatureOk(secret: string, timestamp: string | null, sign: string | null): boolean {
  if (!timestamp || !sign || !/^\d{13}$/.test(timestamp)) return false;
  if (Math.abs(Date.now() - Number(timestamp)) > ONE_HOUR) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function messageText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return String(body);
  const b = body as { text?: { content?: string }; markdown?: { text?: string } };
  return b.text?.content ?? b.markdown?.text ?? JSON.stringify(body);
}

export async function startChannelListener(options: { port?: number; host?: string } = {}): Promise<ChannelListener> {
  const robots = new Map<string, string | null>();
  const messages: ReceivedMessage[] = [];
  let rateLimited = 0;
  let holding = false;
  let held: (() => void)[] = [];

  const answer = (res: http.ServerResponse, status: number, json: object) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(json));
  };

  const page = () =>
    `<!doctype html><meta charset="utf-8"><title>群机器人消息</title>
<style>body{font:14px sans-serif;margin:2em}pre{white-space:pre-wrap;background:#f6f6f6;padding:.8em}</style>
<h1>群机器人消息（${messages.length}）</h1>` +
    [...messages]
      .reverse()
      .map(
        (m) =>
          `<section><h3>${m.kind === 'wecom' ? '企业微信' : '钉钉'} · ${escapeHtml(m.token.slice(-6))} · ` +
          `${new Date(m.receivedAt).toLocaleString('zh-CN')}` +
          ` · errcode ${m.errcode}</h3><pre>${escapeHtml(messageText(m.body))}</pre></section>`,
      )
      .join('');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://listener');
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page());
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/messages') return answer(res, 200, messages);
    const kind: RobotKind | null =
      url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : url.pathname === '/robot/send' ? 'dingtalk' : null;
    if (req.method !== 'POST' || !kind) return answer(res, 404, { errcode: 404, errmsg: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const token = url.searchParams.get(kind === 'wecom' ? 'key' : 'access_token') ?? '';
      const record: ReceivedMessage = {
        kind,
        token,
        body,
        receivedAt: Date.now(),
        errcode: -999,
        errmsg: 'not answered yet',
      };
      messages.push(record);
      const respond = () => {
        const reply = judge(kind, token, url, body);
        record.errcode = reply.errcode;
        record.errmsg = reply.errmsg;
        answer(res, 200, reply);
      };
      if (holding) held.push(respond);
      else respond();
    });
  });

  const judge = (kind: RobotKind, token: string, url: URL, body: unknown): { errcode: number; errmsg: string } => {
    const key = `${kind}:${token}`;
    if (!robots.has(key))
      return kind === 'wecom'
        ? { errcode: 93000, errmsg: 'invalid webhook url, hint: [listener]' }
        : { errcode: 300001, errmsg: 'token is not exist' };
    const secret = robots.get(key);
    if (
      kind === 'dingtalk' &&
      secret &&
      !signatureOk(secret, url.searchParams.get('timestamp'), url.searchParams.get('sign'))
    )
      return { errcode: 310000, errmsg: 'sign not match' };
    if (typeof body !== 'object' || body === null || !('msgtype' in body))
      return { errcode: kind === 'wecom' ? 40008 : 400105, errmsg: 'invalid message type' };
    if (rateLimited > 0) {
      rateLimited--;
      return RATE_LIMITED[kind];
    }
    return { errcode: 0, errmsg: 'ok' };
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messages,
    delivered: () => messages.filter((m) => m.errcode === 0),
    addRobot: (kind, token, secret) => robots.set(`${kind}:${token}`, secret ?? null),
    rateLimitNext: (count) => (rateLimited = count),
    hold: () => (holding = true),
    release: () => {
      holding = false;
      const waiting = held;
      held = [];
      for (const respond of waiting) respond();
    },
    clear: () => messages.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const listener = await startChannelListener({ port: portArg >= 0 ? Number(args[portArg + 1]) : 8026 });
  args.forEach((arg, i) => {
    if (arg !== '--robot') return;
    const [kind, token, secret] = (args[i + 1] ?? '').split(':');
    if ((kind === 'wecom' || kind === 'dingtalk') && token) listener.addRobot(kind, token, secret);
  });
  console.log(`channel listener on ${listener.url}`);
}
