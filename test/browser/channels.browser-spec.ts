import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aChannelPost, channelByName, postsOf } from '../factories/channels.js';
import { screenshot, signIn, startBrowserEnv, type BrowserEnv } from './support.js';

const TOKEN = randomBytes(16).toString('hex');
const SECRET = `SEC${randomBytes(32).toString('hex')}`;

describe('group-chat robots in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('the office adds a 钉钉 robot (a bad URL is refused with the reason), sees the posts log and resends an unknown post', async () => {
    const { page } = await signIn(env, 'office');
    await page.goto(`${env.baseUrl}/notifications`);
    await page.getByRole('tab', { name: '群机器人' }).click();
    await page.getByTestId('channel-list').getByText('尚未配置群机器人').waitFor();

    await page.getByTestId('add-channel').click();
    await page.getByTestId('channel-name').fill('赣州市科创专班群');
    await page.getByTestId('channel-url').fill(`http://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
    await page.getByTestId('channel-secret').fill(SECRET);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Webhook 地址必须使用 https' }).waitFor();
    await screenshot(page, 'channels-bad-url');

    await page.getByTestId('channel-url').fill(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
    await page.getByRole('button', { name: '保存' }).click();
    const row = page.getByTestId('channel-list').getByRole('row', { name: /赣州市科创专班群/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`oapi.dingtalk.com/****${TOKEN.slice(-4)}`);
    expect(text).not.toContain(TOKEN);
    await screenshot(page, 'channels-list');

    const channelId = await channelByName(env.api.db, '赣州市科创专班群');
    await aChannelPost(env.api.db, channelId, 'reminder', 'sent', '【报送提醒】请及时报送月度进展');
    const unknown = await aChannelPost(
      env.api.db,
      channelId,
      'escalation',
      'unknown',
      '【逾期催报】以下单位报送已逾期',
      '发送过程中后台服务中断，无法确认群里是否已收到；请核对后手动重发',
    );
    await page.getByTestId('channel-post-status').getByText('结果未知').click();
    const posts = page.getByTestId('channel-posts');
    await posts.getByText('【逾期催报】以下单位报送已逾期').waitFor();
    await expect(posts.getByText('【报送提醒】请及时报送月度进展').count()).resolves.toBe(0);
    await screenshot(page, 'channels-posts-unknown');

    await page.getByTestId(`resend-post-${unknown}`).click();
    await page.locator('.ant-popconfirm').getByText('可能已经发到群里').waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /重\s*发/ })
      .click();
    await page.getByText('已重新排队发送到：赣州市科创专班群').waitFor();
    await posts.getByText('暂无群消息').waitFor();
    await page.getByTestId('channel-post-status').getByText('全部').click();
    await posts.getByRole('row', { name: /逾期催报.*待发送/ }).waitFor();
    await screenshot(page, 'channels-posts-resent');
    expect((await postsOf(env.api.db, [channelId])).map((p) => p.status).sort()).toEqual(['pending', 'sent']);
    expect(env.errors).toEqual([]);
  });
});
