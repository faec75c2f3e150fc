/**
 * Notices of the year-end cycle (年终考评), one builder per step: who is told what, as rows for the outbox and the
 * inbox. Pure: the service reads the recipients and hands them in. Every key names the assessment and the step's
 * own fact (the return's time, the revision, the appeal), so a step written twice claims the same keys and sends
 * once, while a second return or a later revision is a new message.
 */
import type { UnitResult } from '@app/domain';
import { formatDateTime, renderEvent } from '@app/mail';
import { yearEndLink } from './links.js';
import type { Outbox } from './messages.js';
import type { Recipient, UnitContact } from './recipients.js';

export const YEAR_END_KIND = 'year_end';

/** The assessment as every notice names it. `Assessment` rows fit this shape. */
export interface YearEndRef {
  id: string;
  cityId: string;
  year: number;
  subjectKind: 'county' | 'department';
}

export interface YearEndSettings {
  publicUrl: string;
  timeZone: string;
  /** Whom a recipient without an account contacts (`officeContactLine`). */
  officeContact: string;
}

/** A unit and the people who hear about it. */
export interface UnitAudience {
  unitId: string;
  unitName: string;
  recipients: readonly Recipient[];
}

/** A unit's published result as its own notice states it. */
export interface UnitOutcome {
  unitId: string;
  tier: string;
  total: string;
  rank: number | null;
  /** Units ranked in the same tier. */
  tierSize: number;
  commended: boolean | null;
  admonished: boolean | null;
  vetoed: boolean;
}

/** '2023年度县（市、区）科技创新工作年终考评' */
export function yearEndTitle(a: YearEndRef): string {
  return `${a.year}年度${a.subjectKind === 'county' ? '县（市、区）' : '市直单位'}科技创新工作年终考评`;
}

const TIER_NAMES: Record<string, string> = {
  '1': '一类县（市、区）',
  '2': '二类县（市、区）',
  '3': '三类县（市、区）',
};

export function outcomesOf(results: readonly UnitResult[]): UnitOutcome[] {
  return results.map((r) => ({
    unitId: r.unitId,
    tier: r.tier,
    total: r.total,
    rank: r.rank,
    tierSize: results.filter((x) => x.tier === r.tier).length,
    commended: r.commended,
    admonished: r.admonished,
    vetoed: r.vetoed,
  }));
}

function distinction(o: UnitOutcome): string {
  if (o.commended) return '予以表扬';
  if (o.admonished) return '列入约谈';
  return '';
}

/** '总分95.66分，在一类县（市、区）6个单位中排第2名，予以表扬'; departments: '在25个参评单位中排第3名' */
export function outcomeText(o: UnitOutcome): string {
  const group = TIER_NAMES[o.tier];
  const among = group ? `在${group}${o.tierSize}个单位中` : `在${o.tierSize}个参评单位中`;
  const parts = [`总分${o.total}分`];
  parts.push(o.rank !== null ? `${among}排第${o.rank}名` : `${group ?? '本次考评'}排名暂缓公布`);
  if (o.vetoed) parts.push('因一票否决事项取消评优资格');
  const d = distinction(o);
  if (d) parts.push(d);
  return parts.join('，');
}

/** What moved between two revisions of a unit's result; empty when nothing the unit was told has changed. */
export function outcomeChanges(before: UnitOutcome, after: UnitOutcome): string[] {
  const changes: string[] = [];
  if (before.total !== after.total) changes.push(`总分由${before.total}分调整为${after.total}分`);
  if (before.rank !== after.rank)
    changes.push(
      `排名由${before.rank === null ? '暂缓公布' : `第${before.rank}名`}调整为${after.rank === null ? '暂缓公布' : `第${after.rank}名`}`,
    );
  if (Boolean(before.commended) !== Boolean(after.commended))
    changes.push(after.commended ? '调整为予以表扬' : '不再列入表扬');
  if (Boolean(before.admonished) !== Boolean(after.admonished))
    changes.push(after.admonished ? '调整为列入约谈' : '不再列入约谈');
  return changes;
}

/**
 * One liaison per contact and per email address (the lowest contact id wins), as reminders choose them; a contact
 * with neither an email nor an account cannot be told and is left out.
 */
export function unitLiaisons(contacts: readonly UnitContact[], unitId: string): Recipient[] {
  const seenEmail = new Set<string>();
  const seenContact = new Set<string>();
  const out: Recipient[] = [];
  for (const c of [...contacts].sort((a, b) => a.contactId.localeCompare(b.contactId))) {
    if (c.unitId !== unitId || c.assignmentId !== null || seenContact.has(c.contactId)) continue;
    const email = c.email.trim().toLowerCase();
    if (email === '' && c.userId === null) continue;
    if (email !== '' && seenEmail.has(email)) continue;
    seenContact.add(c.contactId);
    if (email !== '') seenEmail.add(email);
    out.push({
      contactId: c.contactId,
      userId: c.userId,
      name: c.name,
      email: c.email.trim(),
      digestMode: c.digestMode,
    });
  }
  return out;
}

/** Office and leadership users, each once (a user holding both roles is told once). */
export function distinctUsers(...groups: readonly (readonly Recipient[])[]): Recipient[] {
  const seen = new Set<string>();
  return groups.flat().filter((r) => {
    const id = r.userId ?? r.contactId ?? r.email;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

interface Notice {
  unitId: string | null;
  offset: string;
  /** The unit's own page, or the office's review page (opened at the unit's review when it is about one unit). */
  page: 'self' | 'review' | 'review-unit';
  title: string;
  text: string;
}

/**
 * One notice to each recipient: an email (or the digest, as the user chose) and an inbox row. A recipient who can
 * sign in gets the page's link; one who cannot gets no link but the office to contact.
 */
function deliver(
  outbox: Outbox,
  a: YearEndRef,
  notice: Notice,
  recipients: readonly Recipient[],
  settings: YearEndSettings,
): void {
  const link =
    notice.page === 'review-unit'
      ? yearEndLink(settings.publicUrl, 'review', a.id, notice.unitId ?? undefined)
      : yearEndLink(settings.publicUrl, notice.page, a.id);
  for (const r of recipients) {
    const withLink = r.userId !== null;
    const content = renderEvent({
      recipientName: r.name,
      title: notice.title,
      text: withLink ? notice.text : `${notice.text}${settings.officeContact}`,
      link: withLink ? link : '',
    });
    outbox.deliver(
      { kind: YEAR_END_KIND, cityId: a.cityId, periodId: null, unitId: notice.unitId, offset: notice.offset, link },
      r,
      content,
    );
  }
}

/**
 * 自评开始: each assessed unit's liaisons. The assessment has no due date of its own: self-assessment stays open until
 * the office moves the cycle on to its review (转入初审), so the notice says that; a due date, once there is one, is
 * named instead.
 */
export function selfOpenedNotices(
  outbox: Outbox,
  a: YearEndRef,
  units: readonly UnitAudience[],
  dueAt: Date | null,
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  const due = dueAt
    ? `请于${formatDateTime(dueAt, settings.timeZone)}前完成填报并提交。`
    : '自评截止时间以办公室通知为准，办公室转入初审后不能再填报或修改。';
  for (const u of units) {
    deliver(
      outbox,
      a,
      {
        unitId: u.unitId,
        offset: `opened:${a.id}`,
        page: 'self',
        title: `${title}自评已开始`,
        text: `${u.unitName}：${title}已进入自评阶段，请逐项填报本单位自评分值、上传佐证材料后提交。${due}`,
      },
      u.recipients,
      settings,
    );
  }
}

/** 自评退回: the unit's liaisons, with the office's reason. */
export function selfReturnedNotices(
  outbox: Outbox,
  a: YearEndRef,
  unit: UnitAudience,
  reason: string,
  returnedAt: Date,
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  deliver(
    outbox,
    a,
    {
      unitId: unit.unitId,
      offset: `returned:${a.id}:${returnedAt.toISOString()}`,
      page: 'self',
      title: `${unit.unitName}${title}自评被退回修改`,
      text: `${unit.unitName}：办公室退回了本单位的${title}自评，请按意见修改后重新提交。退回理由：${reason}。`,
    },
    unit.recipients,
    settings,
  );
}

/** 自评提交: the office, to review it. */
export function selfSubmittedNotices(
  outbox: Outbox,
  a: YearEndRef,
  unit: { unitId: string; unitName: string },
  submittedAt: Date,
  office: readonly Recipient[],
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  deliver(
    outbox,
    a,
    {
      unitId: unit.unitId,
      offset: `submitted:${a.id}:${submittedAt.toISOString()}`,
      page: 'review-unit',
      title: `${unit.unitName}已提交${title}自评`,
      text: `${unit.unitName}于${formatDateTime(submittedAt, settings.timeZone)}提交了${title}自评，请办公室初审。`,
    },
    office,
    settings,
  );
}

/** 审定: the leadership and the office, the office to publish. */
export function approvedNotices(
  outbox: Outbox,
  a: YearEndRef,
  revision: number,
  unitCount: number,
  recipients: readonly Recipient[],
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  deliver(
    outbox,
    a,
    {
      unitId: null,
      offset: `approved:${a.id}:r${revision}`,
      page: 'review',
      title: `${title}结果已审定`,
      text: `${title}结果（第${revision}版，${unitCount}个单位）已经领导小组审定，请办公室核对后公布。`,
    },
    recipients,
    settings,
  );
}

/** 公布: each unit its own result only, with the appeal deadline. */
export function publishedNotices(
  outbox: Outbox,
  a: YearEndRef,
  revision: number,
  outcomes: readonly UnitOutcome[],
  units: readonly UnitAudience[],
  appealUntil: Date,
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  for (const u of units) {
    const own = outcomes.find((o) => o.unitId === u.unitId);
    if (!own) continue;
    deliver(
      outbox,
      a,
      {
        unitId: u.unitId,
        offset: `published:${a.id}:r${revision}`,
        page: 'self',
        title: `${title}结果已公布`,
        text:
          `${u.unitName}：${title}结果已公布。本单位${outcomeText(own)}。` +
          `如对结果有异议，请于${formatDateTime(appealUntil, settings.timeZone)}前提出申诉，逾期不再受理。`,
      },
      u.recipients,
      settings,
    );
  }
}

/** 申诉提出: the office, to decide it. */
export function appealFiledNotices(
  outbox: Outbox,
  a: YearEndRef,
  appeal: { id: string; unitId: string; unitName: string; criterionName: string; reason: string },
  office: readonly Recipient[],
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  deliver(
    outbox,
    a,
    {
      unitId: appeal.unitId,
      offset: `appeal:${appeal.id}`,
      page: 'review-unit',
      title: `${appeal.unitName}对${title}结果提出申诉`,
      text:
        `${appeal.unitName}对“${appeal.criterionName}”一项的考评结果提出申诉，` +
        `申诉理由：${appeal.reason}。请办公室复核处理。`,
    },
    office,
    settings,
  );
}

/** 申诉处理结果: the appealing unit, with the reason and, when upheld, its result in the new revision. */
export function appealDecidedNotices(
  outbox: Outbox,
  a: YearEndRef,
  appeal: { id: string; criterionName: string; upheld: boolean; reason: string },
  unit: UnitAudience,
  after: { revision: number; outcome: UnitOutcome } | null,
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  const result =
    appeal.upheld && after
      ? `考评结果已更正为第${after.revision}版，本单位${outcomeText(after.outcome)}。`
      : '原考评结果不变。';
  deliver(
    outbox,
    a,
    {
      unitId: unit.unitId,
      offset: `appeal-decided:${appeal.id}`,
      page: 'self',
      title: `${unit.unitName}${title}申诉${appeal.upheld ? '已获支持' : '未获支持'}`,
      text:
        `${unit.unitName}：本单位对“${appeal.criterionName}”一项提出的申诉经办公室复核，` +
        `${appeal.upheld ? '予以支持' : '不予支持'}。理由：${appeal.reason}。${result}`,
    },
    unit.recipients,
    settings,
  );
}

/**
 * 结果变动: every other unit whose published result (total, rank, commendation or admonition) the new revision
 * changed, told what changed and why; a unit whose result stayed as published hears nothing.
 */
export function resultChangedNotices(
  outbox: Outbox,
  a: YearEndRef,
  revision: number,
  before: readonly UnitOutcome[],
  after: readonly UnitOutcome[],
  cause: { unitId: string; unitName: string },
  units: readonly UnitAudience[],
  settings: YearEndSettings,
): void {
  const title = yearEndTitle(a);
  for (const u of units) {
    if (u.unitId === cause.unitId) continue;
    const was = before.find((o) => o.unitId === u.unitId);
    const now = after.find((o) => o.unitId === u.unitId);
    if (!was || !now) continue;
    const changes = outcomeChanges(was, now);
    if (changes.length === 0) continue;
    deliver(
      outbox,
      a,
      {
        unitId: u.unitId,
        offset: `changed:${a.id}:r${revision}`,
        page: 'self',
        title: `${title}结果已更正，本单位结果有变动`,
        text:
          `${u.unitName}：因${cause.unitName}的申诉获支持，${title}结果已更正为第${revision}版。` +
          `本单位${changes.join('，')}；现${outcomeText(now)}。`,
      },
      u.recipients,
      settings,
    );
  }
}
