import { describe, expect, it } from '@jest/globals';
import type { UnitResult } from '@app/domain';
import { Outbox } from './messages.js';
import type { Recipient, UnitContact } from './recipients.js';
import {
  appealDecidedNotices,
  appealFiledNotices,
  approvedNotices,
  distinctUsers,
  outcomesOf,
  publishedNotices,
  resultChangedNotices,
  selfOpenedNotices,
  selfReturnedNotices,
  selfSubmittedNotices,
  type UnitAudience,
  unitLiaisons,
  type YearEndRef,
} from './year-end-notices.js';

const a: YearEndRef = { id: 'y1', cityId: 'city', year: 2023, subjectKind: 'county' };
const settings = {
  publicUrl: 'https://kc.example.gov.cn/',
  timeZone: 'Asia/Shanghai',
  officeContact: '请联系市领导小组办公室（电话：0797-8888888）。',
};
const person = (over: Partial<Recipient>): Recipient => ({
  contactId: null,
  userId: null,
  name: '张三',
  email: '',
  digestMode: 'immediate',
  ...over,
});
/** 章贡区: one liaison who signs in, one without an account. 南康区 and 全南县: one who signs in each. */
const zgq: UnitAudience = {
  unitId: 'zgq',
  unitName: '章贡区',
  recipients: [
    person({ contactId: 'c1', userId: 'u1', email: 'zgq@example.gov.cn' }),
    person({ contactId: 'c2', name: '李四', email: 'zgq2@example.gov.cn', digestMode: null }),
  ],
};
const nk: UnitAudience = {
  unitId: 'nk',
  unitName: '南康区',
  recipients: [person({ contactId: 'c3', userId: 'u3', email: 'nk@example.gov.cn' })],
};
const qnx: UnitAudience = {
  unitId: 'qnx',
  unitName: '全南县',
  recipients: [person({ contactId: 'c4', userId: 'u4', email: 'qnx@example.gov.cn' })],
};
const office = [person({ userId: 'o1', name: '办公室', email: 'office@example.gov.cn' })];

const result = (unitId: string, total: string, rank: number, commended: boolean, admonished = false): UnitResult => ({
  unitId,
  tier: '2',
  complete: true,
  leaves: [],
  subtotals: [],
  criteriaTotal: total,
  bonus: { items: [], beforeCap: '0', cap: null, afterCap: '0' },
  penalties: { items: [], beforeCap: '0', cap: null, afterCap: '0' },
  total,
  grade: null,
  vetoed: false,
  vetoes: [],
  rank,
  commended,
  admonished,
});

describe('year-end notices', () => {
  it('opening tells each unit’s liaisons once, with the page to fill in, and says there is no due date', () => {
    const outbox = new Outbox();
    selfOpenedNotices(outbox, a, [zgq, nk], null, settings);
    expect(outbox.notifications.map((n) => [n.key, n.recipientEmail, n.unitId])).toEqual([
      ['year_end|-|zgq|c:c1|opened:y1', 'zgq@example.gov.cn', 'zgq'],
      ['year_end|-|zgq|c:c2|opened:y1', 'zgq2@example.gov.cn', 'zgq'],
      ['year_end|-|nk|c:c3|opened:y1', 'nk@example.gov.cn', 'nk'],
    ]);
    const [withAccount, without] = outbox.notifications;
    expect(withAccount!.subject).toBe('【平台通知】2023年度县（市、区）科技创新工作年终考评自评已开始');
    expect(withAccount!.bodyText).toContain('https://kc.example.gov.cn/assessment/self?assessment=y1');
    expect(withAccount!.bodyText).toContain('办公室转入初审后不能再填报或修改');
    // Without an account: no link that would only open a login page, but whom to call.
    expect(without!.bodyText).not.toContain('https://');
    expect(without!.bodyText).toContain('请联系市领导小组办公室（电话：0797-8888888）');
    expect(outbox.inbox.map((i) => [i.key, i.userId, i.kind, i.link])).toEqual([
      [
        'inbox|year_end|-|zgq|u:u1|opened:y1',
        'u1',
        'year_end',
        'https://kc.example.gov.cn/assessment/self?assessment=y1',
      ],
      [
        'inbox|year_end|-|nk|u:u3|opened:y1',
        'u3',
        'year_end',
        'https://kc.example.gov.cn/assessment/self?assessment=y1',
      ],
    ]);
  });

  it('names the due date when the assessment has one', () => {
    const outbox = new Outbox();
    selfOpenedNotices(outbox, a, [nk], new Date('2024-02-02T09:00:00Z'), settings);
    expect(outbox.notifications[0]!.bodyText).toContain('请于2024年2月2日 17:00前完成填报并提交');
  });

  it('the same step written twice claims the same keys; a second return is a message of its own', () => {
    const first = new Outbox();
    selfReturnedNotices(first, a, nk, '佐证材料不全', new Date('2024-01-22T02:00:00Z'), settings);
    const again = new Outbox();
    selfReturnedNotices(again, a, nk, '佐证材料不全', new Date('2024-01-22T02:00:00Z'), settings);
    const later = new Outbox();
    selfReturnedNotices(later, a, nk, '第2项分值有误', new Date('2024-01-24T02:00:00Z'), settings);
    expect(again.notifications.map((n) => n.key)).toEqual(first.notifications.map((n) => n.key));
    expect(later.notifications[0]!.key).not.toBe(first.notifications[0]!.key);
    expect(first.notifications[0]!.bodyText).toContain('退回理由：佐证材料不全');
    expect(later.inbox[0]!.body).toContain('退回理由：第2项分值有误');
  });

  it('submission, approval and appeals go to the office (and the leadership), linking the review page', () => {
    const outbox = new Outbox();
    selfSubmittedNotices(outbox, a, nk, new Date('2024-01-22T02:00:00Z'), office, settings);
    approvedNotices(outbox, a, 1, 18, office, settings);
    appealFiledNotices(
      outbox,
      a,
      { id: 'ap1', unitId: 'nk', unitName: '南康区', criterionName: '科技创新平台', reason: '漏报一家平台' },
      office,
      settings,
    );
    expect(outbox.notifications.map((n) => n.key)).toEqual([
      'year_end|-|nk|u:o1|submitted:y1:2024-01-22T02:00:00.000Z',
      'year_end|-|-|u:o1|approved:y1:r1',
      'year_end|-|nk|u:o1|appeal:ap1',
    ]);
    expect(outbox.notifications[0]!.bodyText).toContain('南康区于2024年1月22日 10:00提交了');
    expect(outbox.notifications[1]!.bodyText).toContain('第1版，18个单位');
    expect(outbox.notifications[2]!.bodyText).toContain('“科技创新平台”一项');
    expect(outbox.notifications[2]!.bodyText).toContain('申诉理由：漏报一家平台');
    // About one unit: the review opens at that unit; the approval is about all of them.
    expect(outbox.notifications.map((n) => /https:\S+/.exec(n.bodyText)?.[0])).toEqual([
      'https://kc.example.gov.cn/assessment/review?assessment=y1&unit=nk',
      'https://kc.example.gov.cn/assessment/review?assessment=y1',
      'https://kc.example.gov.cn/assessment/review?assessment=y1&unit=nk',
    ]);
  });

  it('a leader who is also in the office is told once', () => {
    const both = person({ userId: 'o1', name: '办公室', email: 'office@example.gov.cn' });
    expect(distinctUsers([both, person({ userId: 'l1' })], office).map((r) => r.userId)).toEqual(['o1', 'l1']);
  });

  const published = [
    result('zgq', '95.66', 1, true),
    result('qnx', '90.10', 3, true),
    result('nk', '80.00', 4, false, true),
  ];

  it('publication tells each unit its own total, rank, commendation or admonition and the appeal deadline', () => {
    const outbox = new Outbox();
    publishedNotices(outbox, a, 1, outcomesOf(published), [zgq, nk, qnx], new Date('2024-01-29T09:00:00Z'), settings);
    const text = (email: string) => outbox.notifications.find((n) => n.recipientEmail === email)!.bodyText;
    expect(text('zgq@example.gov.cn')).toContain('本单位总分95.66分，在二类县（市、区）3个单位中排第1名，予以表扬');
    expect(text('nk@example.gov.cn')).toContain('本单位总分80.00分，在二类县（市、区）3个单位中排第4名，列入约谈');
    expect(text('nk@example.gov.cn')).toContain('请于2024年1月29日 17:00前提出申诉');
    // A unit reads only its own result, not another's.
    expect(text('nk@example.gov.cn')).not.toContain('95.66');
    expect(text('nk@example.gov.cn')).not.toContain('章贡区');
    expect(text('zgq@example.gov.cn')).not.toContain('80.00');
    expect(outbox.notifications.map((n) => n.key)).toContain('year_end|-|qnx|c:c4|published:y1:r1');
  });

  it('an upheld appeal tells the appealing unit its new result and each unit whose rank or commendation moved', () => {
    const revised = [result('zgq', '95.66', 1, true), result('nk', '92.00', 2, true), result('qnx', '90.10', 3, false)];
    const outbox = new Outbox();
    const appeal = { id: 'ap1', criterionName: '科技创新平台', upheld: true, reason: '补充材料属实' };
    appealDecidedNotices(outbox, a, appeal, nk, { revision: 2, outcome: outcomesOf(revised)[1]! }, settings);
    resultChangedNotices(outbox, a, 2, outcomesOf(published), outcomesOf(revised), nk, [zgq, nk, qnx], settings);
    expect(outbox.notifications.map((n) => n.key)).toEqual([
      'year_end|-|nk|c:c3|appeal-decided:ap1',
      'year_end|-|qnx|c:c4|changed:y1:r2',
    ]);
    expect(outbox.notifications[0]!.bodyText).toContain('予以支持。理由：补充材料属实。');
    expect(outbox.notifications[0]!.bodyText).toContain('考评结果已更正为第2版，本单位总分92.00分');
    // 全南县 lost its commendation: it is told, and why; 章贡区's result did not move, so it hears nothing.
    expect(outbox.notifications[1]!.bodyText).toContain('因南康区的申诉获支持');
    expect(outbox.notifications[1]!.bodyText).toContain('不再列入表扬');
    expect(outbox.notifications[1]!.bodyText).not.toContain('92.00');
  });

  it('a rejected appeal keeps the result and tells only the appealing unit', () => {
    const outbox = new Outbox();
    const appeal = { id: 'ap2', criterionName: '科技创新平台', upheld: false, reason: '材料不能证明' };
    appealDecidedNotices(outbox, a, appeal, nk, null, settings);
    expect(outbox.notifications).toHaveLength(1);
    expect(outbox.notifications[0]!.subject).toContain('南康区2023年度县（市、区）科技创新工作年终考评申诉未获支持');
    expect(outbox.notifications[0]!.bodyText).toContain('不予支持。理由：材料不能证明。原考评结果不变。');
  });

  it('picks one liaison per contact and email, and skips one who cannot be reached', () => {
    const contact = (over: Partial<UnitContact>): UnitContact => ({
      contactId: 'c1',
      unitId: 'nk',
      assignmentId: null,
      userId: null,
      name: '王五',
      email: 'w@example.gov.cn',
      digestMode: null,
      ...over,
    });
    const picked = unitLiaisons(
      [
        contact({ contactId: 'c2', email: 'W@example.gov.cn ' }),
        contact({}),
        contact({ contactId: 'c3', email: '' }),
        contact({ contactId: 'c4', email: '', userId: 'u4' }),
        contact({ contactId: 'c5', unitId: 'zgq', email: 'z@example.gov.cn' }),
      ],
      'nk',
    );
    expect(picked.map((r) => r.contactId)).toEqual(['c1', 'c4']);
  });
});
