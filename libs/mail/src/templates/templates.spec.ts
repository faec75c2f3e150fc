import { describe, expect, it } from '@jest/globals';
import { localDate } from '@app/domain';
import { escapeHtml, formatDateTime } from './format.js';
import { renderDailyDigest, renderOfficeDigest, renderWeeklyDigest } from './digest.template.js';
import { escalationConsequences, renderEscalation } from './escalation.template.js';
import { renderNudge } from './nudge.template.js';
import { renderReminder } from './reminder.template.js';

const SHANGHAI = 'Asia/Shanghai';
const deadline = new Date('2023-04-06T09:00:00Z'); // 17:00 Shanghai
const items = [
  { label: '任务3 支持企业融通创新', link: 'http://x/reports/p/assignment/a3' },
  { label: '项目12 <赣州>稀土研究院', link: 'http://x/reports/p/project/p12' },
];
const reminder = {
  recipientName: '联络员（市科技局）',
  unitName: '赣州市科学技术局',
  planTitle: '2023年赣州市科技创新赋能行动工作方案',
  year: 2023,
  month: 3,
  deadline,
  timeZone: SHANGHAI,
  items,
  periodLink: 'http://x/todo?period=p&unit=u',
  officeContact: '请联系领导小组办公室（电话：0797-1234567）。',
};

describe('formatting', () => {
  it('writes dates the Chinese way in the platform zone', () => {
    expect(formatDateTime(deadline, SHANGHAI)).toBe('2023年4月6日 17:00');
    expect(formatDateTime(deadline, 'UTC')).toBe('2023年4月6日 09:00');
  });
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('reminder', () => {
  it.each([
    [3, '【报送提醒】2023年3月进展报送3天后截止：赣州市科学技术局尚有2项未报送', '还有3天'],
    [0, '【报送提醒】2023年3月进展报送今天截止：赣州市科学技术局尚有2项未报送', '今天（2023年4月6日 17:00）截止'],
    [null, '【催报】赣州市科学技术局2023年3月进展报送尚有2项未报送', '截止时间为2023年4月6日 17:00'],
  ])('D-%s: subject and wording', (daysBefore, subject, phrase) => {
    const mail = renderReminder({ ...reminder, daysBefore });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(phrase);
    expect(mail.summary).toContain('尚有2项未报送');
  });

  it('lists exactly the outstanding items with their links, in text and HTML', () => {
    const mail = renderReminder({ ...reminder, daysBefore: 1 });
    expect(mail.text).toContain('1. 任务3 支持企业融通创新\n   http://x/reports/p/assignment/a3');
    expect(mail.text).toContain('2. 项目12 <赣州>稀土研究院\n   http://x/reports/p/project/p12');
    expect(mail.html).toContain('<a href="http://x/reports/p/assignment/a3">任务3 支持企业融通创新</a>');
    expect(mail.html).toContain('项目12 &lt;赣州&gt;稀土研究院');
    expect(mail.html).not.toContain('<赣州>');
    expect(mail.text).toContain('请勿直接回复');
  });
});

describe('escalation, digests, nudge', () => {
  it('escalation to the leader names the unit and the deadline', () => {
    const mail = renderEscalation({ ...reminder, recipientName: '分管领导' });
    expect(mail.subject).toBe('【逾期催报】赣州市科学技术局2023年3月进展报送已逾期，尚有2项未报送');
    expect(mail.text).toContain('已于2023年4月6日 17:00截止');
    expect(mail.text).toContain('督促');
  });

  it('a recipient without an account gets no link but the office to contact', () => {
    const noLinks = { ...reminder, items: items.map((i) => ({ ...i, link: null })), periodLink: null };
    for (const mail of [renderEscalation(noLinks), renderReminder({ ...noLinks, daysBefore: 1 })]) {
      expect(mail.text).not.toContain('http');
      expect(mail.html).not.toContain('<a ');
      expect(mail.text).toContain('请联系领导小组办公室（电话：0797-1234567）。');
      expect(mail.text).toContain('1. 任务3 支持企业融通创新\n2. 项目12');
    }
  });

  it('states what overdue items cost, each kind as the scheme counts it', () => {
    const mixed = [
      { label: '任务3 甲', link: null, returned: null },
      { label: '任务4 乙', link: null, returned: 'on_time' as const },
      { label: '任务5 丙', link: null, returned: 'late' as const },
    ];
    expect(escalationConsequences(mixed)).toEqual([
      '逾期未报送的，本月计迟报1次，计入年度考评（按要求及时报送材料，每次扣1分）。',
      '退回修改的事项首次报送按时，修改后重新报送不计迟报；年度考评时仍未重新报送的，视为未报送。',
      '首次报送已逾期的退回事项已计迟报，请尽快修改后重新报送。',
    ]);
    expect(escalationConsequences(mixed.slice(1, 2))).toHaveLength(1);
  });

  it('office digest counts units and items', () => {
    const mail = renderOfficeDigest({
      recipientName: '办公室',
      planTitle: 'P',
      year: 2023,
      month: 3,
      deadline,
      timeZone: SHANGHAI,
      expected: 120,
      outstanding: 5,
      units: [
        { unitName: '章贡区', outstanding: 3, link: 'http://x/1' },
        { unitName: '南康区', outstanding: 2, link: 'http://x/2' },
      ],
      link: 'http://x',
    });
    expect(mail.subject).toBe('【逾期汇总】2023年3月进展报送：2个单位逾期未报');
    expect(mail.text).toContain('应报120项，尚有5项未报送，涉及2个单位');
    expect(mail.text).toContain('1. 章贡区：3项');
  });

  it('weekly digest says when nothing is running', () => {
    const mail = renderWeeklyDigest({
      recipientName: '办公室',
      cityName: '赣州市',
      weekOf: localDate('2023-04-10'),
      timeZone: SHANGHAI,
      periods: [],
      staleAssignments: 4,
      link: 'http://x',
    });
    expect(mail.subject).toBe('【每周汇总】赣州市科技创新赋能行动调度周报（2023年4月10日）');
    expect(mail.text).toContain('本周没有进行中的报送期');
    expect(mail.text).toContain('4项');
  });

  it('daily digest lists each message with its time', () => {
    const mail = renderDailyDigest({
      recipientName: '办公室',
      date: localDate('2023-04-10'),
      timeZone: SHANGHAI,
      messages: [
        { title: '【平台通知】报告被退回', body: '请修改', link: 'http://x/r', at: new Date('2023-04-10T02:00:00Z') },
      ],
      inboxLink: 'http://x/inbox',
    });
    expect(mail.subject).toBe('【每日汇总】2023年4月10日您有1条新消息');
    expect(mail.text).toContain('1. 【平台通知】报告被退回（2023年4月10日 10:00）');
  });

  it('nudge gives the days since the last update', () => {
    const mail = renderNudge({
      recipientName: 'L',
      unitName: '市科技局',
      planTitle: 'P',
      taskNumber: 7,
      taskTitle: '建设创新平台',
      lastUpdate: new Date('2023-03-01T02:00:00Z'),
      days: 40,
      timeZone: SHANGHAI,
      link: 'http://x/a',
      officeContact: '请联系领导小组办公室。',
    });
    expect(mail.subject).toBe('【进展更新提醒】任务7 建设创新平台已40天未更新');
    expect(mail.text).toContain('自2023年3月1日 10:00以来已40天没有更新进展');
  });
});
