import { describe, expect, it } from '@jest/globals';
import { messageIdFor } from './keys.js';
import { officeDigestMessages, Outbox, overdueInboxMessages, type PeriodContext, unitMessages } from './messages.js';
import type { Recipient, UnitBatch } from './recipients.js';
import { overdueSummary, periodProgress } from './summaries.js';

const ctx: PeriodContext = {
  periodId: 'p',
  planId: 'plan',
  planTitle: '方案',
  cityId: 'city',
  year: 2023,
  month: 3,
  deadline: new Date('2023-04-06T09:00:00Z'),
};
const settings = {
  publicUrl: 'https://kc.example.gov.cn/',
  timeZone: 'Asia/Shanghai',
  officeContact: '请联系市领导小组办公室（电话：0797-8888888）。',
};
const liaison = (over: Partial<Recipient>): Recipient => ({
  contactId: 'c1',
  userId: null,
  name: '张三',
  email: 'z@example.com',
  digestMode: null,
  ...over,
});
const batch: UnitBatch = {
  periodId: 'p',
  unitId: 'u1',
  items: [{ periodId: 'p', unitId: 'u1', subjectType: 'assignment', subjectId: 'a1', label: '任务1 甲' }],
  recipients: [liaison({}), liaison({ contactId: 'c2', userId: 'user2', email: 'l@example.com', digestMode: 'daily' })],
};

describe('unitMessages', () => {
  it('one email per recipient keyed on period, unit, contact, kind and offset; an inbox row for a linked user', () => {
    const outbox = new Outbox();
    unitMessages(outbox, ctx, { kind: 'reminder', offset: 'D-3' }, [batch], new Map([['u1', '市科技局']]), settings);
    expect(outbox.notifications.map((n) => [n.key, n.recipientEmail, n.messageId])).toEqual([
      ['reminder|p|u1|c:c1|D-3', 'z@example.com', messageIdFor('reminder|p|u1|c:c1|D-3')],
      ['reminder|p|u1|c:c2|D-3', 'l@example.com', messageIdFor('reminder|p|u1|c:c2|D-3')],
    ]);
    // A contact without an account gets no link (it would open a login they cannot pass), but whom to call.
    expect(outbox.notifications[0]!.bodyText).not.toContain('https://');
    expect(outbox.notifications[0]!.bodyText).toContain('请联系市领导小组办公室（电话：0797-8888888）');
    // A linked user gets the form of each item and the unit's to-do list for the month, paths the web app routes.
    expect(outbox.notifications[1]!.bodyText).toContain('https://kc.example.gov.cn/reports/p/assignment/a1');
    expect(outbox.notifications[1]!.bodyText).toContain('https://kc.example.gov.cn/todo?period=p&unit=u1');
    expect(outbox.notifications[1]!.bodyHtml).toContain('href="https://kc.example.gov.cn/todo?period=p&amp;unit=u1"');
    expect(outbox.inbox).toEqual([
      expect.objectContaining({
        key: 'inbox|reminder|p|u1|u:user2|D-3',
        userId: 'user2',
        kind: 'reminder',
        link: 'https://kc.example.gov.cn/todo?period=p&unit=u1',
      }),
    ]);
  });

  it('tells a leader truthfully what overdue items cost: a returned report first sent on time costs nothing yet', () => {
    const returned: UnitBatch = {
      ...batch,
      items: [{ ...batch.items[0]!, status: 'returned', firstLate: false }],
    };
    const outbox = new Outbox();
    unitMessages(
      outbox,
      ctx,
      { kind: 'escalation', offset: 'D+1' },
      [returned],
      new Map([['u1', '市科技局']]),
      settings,
    );
    const text = outbox.notifications[0]!.bodyText;
    expect(text).toContain('任务1 甲（已退回，待修改后重新报送）');
    expect(text).toContain('修改后重新报送不计迟报');
    expect(text).not.toContain('本月计迟报1次');
    const owed = new Outbox();
    unitMessages(owed, ctx, { kind: 'escalation', offset: 'D+1' }, [batch], new Map([['u1', '市科技局']]), settings);
    expect(owed.notifications[0]!.bodyText).toContain('本月计迟报1次');
    expect(owed.notifications[0]!.bodyText).not.toContain('不计迟报');
  });

  it('escalations go out by email even to a user in daily mode', () => {
    const outbox = new Outbox();
    unitMessages(outbox, ctx, { kind: 'escalation', offset: 'D+1' }, [batch], new Map(), settings);
    expect(outbox.notifications).toHaveLength(2);
    expect(outbox.notifications[0]!.subject).toContain('逾期催报');
  });
});

describe('overdueInboxMessages', () => {
  it('puts the escalation in the inbox of each liaison with an account, and sends them no email', () => {
    const outbox = new Outbox();
    overdueInboxMessages(outbox, ctx, 'D+1', [batch], new Map([['u1', '市科技局']]), settings);
    expect(outbox.notifications).toEqual([]);
    expect(outbox.inbox).toEqual([
      expect.objectContaining({
        key: 'inbox|escalation|p|u1|u:user2|D+1',
        userId: 'user2',
        kind: 'escalation',
        title: '【逾期未报】市科技局2023年3月进展报送已逾期，尚有1项未报送',
        link: 'https://kc.example.gov.cn/todo?period=p&unit=u1',
      }),
    ]);
    expect(outbox.inbox[0]!.body).toContain('任务1 甲');
  });
});

describe('officeDigestMessages', () => {
  const office = [
    liaison({ contactId: 'oc', userId: 'office1', email: 'o@example.com', digestMode: 'immediate' }),
    liaison({ contactId: null, userId: 'office2', email: '', digestMode: 'daily' }),
  ];

  it('sends nothing when every unit has reported', () => {
    const outbox = new Outbox();
    officeDigestMessages(outbox, ctx, 'D+1', { expected: 3, units: [] }, office, settings);
    expect(outbox.notifications).toEqual([]);
  });

  it('one digest per office user; a daily-mode user gets the inbox copy only', () => {
    const outbox = new Outbox();
    officeDigestMessages(
      outbox,
      ctx,
      'D+1',
      { expected: 3, units: [{ unitId: 'u1', unitName: '章贡区', outstanding: 2 }] },
      office,
      settings,
    );
    expect(outbox.notifications.map((n) => n.key)).toEqual(['office_digest|p|-|c:oc|D+1']);
    expect(outbox.inbox.map((i) => i.key)).toEqual([
      'inbox|office_digest|p|-|u:office1|D+1',
      'inbox|office_digest|p|-|u:office2|D+1',
    ]);
  });
});

describe('summaries', () => {
  const rows = [
    { periodId: 'p', unitId: 'b', outstanding: true },
    { periodId: 'p', unitId: 'a', outstanding: false },
    { periodId: 'p', unitId: 'b', outstanding: true },
    { periodId: 'p', unitId: 'c', outstanding: true },
  ];
  const names = new Map([
    ['a', '甲'],
    ['b', '乙'],
    ['c', '丙'],
  ]);
  it('overdue units in row order with their counts', () => {
    expect(overdueSummary(rows, names)).toEqual({
      expected: 4,
      units: [
        { unitId: 'b', unitName: '乙', outstanding: 2 },
        { unitId: 'c', unitName: '丙', outstanding: 1 },
      ],
    });
  });
  it('names overdue units only after the deadline', () => {
    const deadline = new Date('2023-04-06T09:00:00Z');
    expect(periodProgress(rows, deadline, new Date('2023-04-06T09:00:00Z'), names)).toEqual({
      expected: 4,
      submitted: 1,
      outstanding: 3,
      overdueUnits: [],
    });
    expect(periodProgress(rows, deadline, new Date('2023-04-07T00:00:00Z'), names).overdueUnits).toEqual(['乙', '丙']);
  });
});
