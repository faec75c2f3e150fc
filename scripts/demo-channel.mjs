/* global fetch */
// The demo's 钉钉 robot: signs in as the Ganzhou office and configures, through the API and its checks,
// one channel for Ganzhou's 2023 plan, unless it is there already. The worker's CHANNEL_WEBHOOK_REDIRECT
// sends its posts to the demo's channel listener (scripts/channel-listener.ts), which knows this robot.
const base = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const name = '赣州市科创专班群（演示）';
const token = process.env.DEMO_CHANNEL_TOKEN;
const secret = process.env.DEMO_CHANNEL_SECRET;
if (!token || !secret) throw new Error('DEMO_CHANNEL_TOKEN and DEMO_CHANNEL_SECRET are required');

async function call(path, options = {}) {
  const res = await fetch(`${base}${path}`, {
    ...options,
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const login = await call('/api/auth/login', {
  method: 'POST',
  body: JSON.stringify({ username: 'office', password: process.env.DEMO_PASSWORD ?? 'Demo@2023' }),
});
const headers = { authorization: `Bearer ${login.accessToken}` };
const channels = await call('/api/channels', { headers });
if (channels.some((c) => c.name === name)) {
  console.log(`demo channel "${name}" is configured`);
} else {
  const plans = await call('/api/plans?pageSize=50', { headers });
  const plan = plans.items.find((p) => p.title.includes('2023年赣州'));
  if (!plan) throw new Error('the demo has no Ganzhou 2023 plan');
  await call('/api/channels', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      kind: 'dingtalk',
      name,
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
      secret,
      scope: 'plan',
      planId: plan.id,
      enabled: true,
      mentionByPhone: true,
    }),
  });
  console.log(`demo channel "${name}" added for ${plan.title}`);
}
