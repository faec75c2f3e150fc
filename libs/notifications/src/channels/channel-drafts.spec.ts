import { describe, expect, it } from '@jest/globals';
import {
  bulletinDrafts,
  type ChannelTarget,
  type DueGroup,
  type OutstandingReport,
  reminderDrafts,
} from './channel-drafts.js';
import { MAX_MESSAGE_BYTES, webhookBody } from './channel-messages.js';

const settings = { publicUrl: 'https://kc.example.cn/', timeZone: 'Asia/Shanghai' };
const march: DueGroup = {
  kind: 'reminder',
  periodId: 'p3',
  planId: 'plan-gz',
  planTitle: '赣州市2023年行动方案',
  year: 2023,
  month: 3,
  deadline: new Date('2023-04-10T10:00:00Z'),
  offset: 'D-1',
};
const planChannel: ChannelTarget = {
  id: 'ch-plan',
  cityId: 'city',
  scope: 'plan',
  planId: 'plan-gz',
  unitId: null,
  mentionByPhone: true,
};
const unitChannel: ChannelTarget = {
  id: 'ch-unit',
  cityId: 'city',
  scope: 'unit',
  planId: null,
  unitId: 'u-a',
  mentionByPhone: false,
};
const names = new Map([
  ['u-a', '章贡区'],
  ['u-b', '南康区'],
]);
const phones = new Map([
  ['u-a', ['13800000001']],
  ['u-b', ['13800000002', '13800000003']],
]);
const items: OutstandingReport[] = [
  { periodId: 'p3', unitId: 'u-a', label: '任务3 支持企业融通创新' },
  { periodId: 'p3', unitId: 'u-a', label: '指标报送' },
  { periodId: 'p3', unitId: 'u-b', label: '任务5 科技金融' },
];

describe('group posts of a reminder run', () => {
  it('make one post per channel listing every unit, not one per unit', () => {
    const drafts = reminderDrafts([march], items, [planChannel, unitChannel], names, phones, settings);
    expect(drafts.map((d) => d.channelId)).toEqual(['ch-plan', 'ch-unit']);
    const plan = drafts[0]!.message;
    expect(plan.lines).toEqual([
      '赣州市2023年行动方案 2023年3月进展报送将于 2023年4月10日 18:00 截止，尚有未报事项的单位 2 家：',
      '南康区：任务5 科技金融',
      '章贡区：任务3 支持企业融通创新 等 2 项',
    ]);
    expect(plan.mobiles).toEqual(['13800000001', '13800000002', '13800000003']);
    expect(plan.link).toBe('https://kc.example.cn/todo');
    // The unit's channel hears only about that unit, and mentions nobody (its setting is off).
    expect(drafts[1]!.message.lines.slice(1)).toEqual(['章贡区：任务3 支持企业融通创新 等 2 项']);
    expect(drafts[1]!.message.mobiles).toEqual([]);
  });

  it('post nothing to a channel whose units have nothing outstanding, or of another plan', () => {
    const other: ChannelTarget = { ...planChannel, id: 'ch-other', planId: 'plan-nc' };
    const quiet: ChannelTarget = { ...unitChannel, id: 'ch-quiet', unitId: 'u-z' };
    expect(reminderDrafts([march], items, [other, quiet], names, phones, settings)).toEqual([]);
  });

  it('key the post by channel, kind and the run, so a repeated run claims nothing new', () => {
    const once = reminderDrafts([march], items, [planChannel], names, phones, settings)[0]!.key;
    expect(reminderDrafts([march], items.slice(0, 1), [planChannel], names, phones, settings)[0]!.key).toBe(once);
    expect(
      reminderDrafts([{ ...march, offset: 'D-3' }], items, [planChannel], names, phones, settings)[0]!.key,
    ).not.toBe(once);
    const escalation = reminderDrafts(
      [{ ...march, kind: 'escalation' }],
      items,
      [planChannel],
      names,
      phones,
      settings,
    )[0]!;
    expect(escalation.key).not.toBe(once);
    expect(escalation.kind).toBe('escalation');
    expect(escalation.message.lines[0]).toContain('已于 2023年4月10日 18:00 截止，仍未报送的单位 2 家');
  });

  it('stay within the size a group message takes, saying how much is left out', () => {
    const many: OutstandingReport[] = Array.from({ length: 200 }, (_, i) => ({
      periodId: 'p3',
      unitId: `u${i}`,
      label: `任务${i} 一项名称相当长的重点任务，用来把消息撑大`,
    }));
    const big = new Map(many.map((m) => [m.unitId, `单位${m.unitId}`]));
    const [draft] = reminderDrafts([march], many, [planChannel], big, new Map(), settings);
    const body = JSON.stringify(webhookBody('wecom', draft!.message));
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_MESSAGE_BYTES + 600);
    expect(draft!.message.lines.at(-1)).toMatch(/^……其余 \d+ 行请登录平台查看$|^……另有 170 家单位$/);
  });

  it('announce a bulletin on the plan channels only', () => {
    const drafts = bulletinDrafts(
      {
        id: 'b1',
        planTitle: '赣州市2023年行动方案',
        title: '2023年第一季度通报',
        lines: ['一类县第一名：章贡区'],
        link: 'https://kc/b/1',
      },
      [planChannel, unitChannel],
    );
    expect(drafts).toEqual([
      expect.objectContaining({ channelId: 'ch-plan', key: 'channel|ch-plan|bulletin|b1', kind: 'bulletin' }),
    ]);
  });
});

describe('message bodies', () => {
  const message = {
    title: '【报送提醒】请及时报送',
    lines: ['章贡区：任务3'],
    link: 'https://kc/todo',
    mobiles: ['13800000001'],
  };

  it('企业微信: text with mentioned_mobile_list (its markdown cannot mention)', () => {
    expect(webhookBody('wecom', message)).toEqual({
      msgtype: 'text',
      text: {
        content: '【报送提醒】请及时报送\n章贡区：任务3\nhttps://kc/todo',
        mentioned_mobile_list: ['13800000001'],
      },
    });
    expect(webhookBody('wecom', { ...message, mobiles: [] })).toEqual({
      msgtype: 'text',
      text: { content: '【报送提醒】请及时报送\n章贡区：任务3\nhttps://kc/todo' },
    });
  });

  it('钉钉: markdown with at.atMobiles and the @phone in the text', () => {
    expect(webhookBody('dingtalk', message)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '【报送提醒】请及时报送',
        text: '#### 【报送提醒】请及时报送\n\n- 章贡区：任务3\n\n[登录平台查看](https://kc/todo)\n\n@13800000001',
      },
      at: { atMobiles: ['13800000001'], isAtAll: false },
    });
  });
});
