import {
  formatDateTime,
  htmlAction,
  htmlPage,
  htmlParagraph,
  type MailContent,
  textAction,
  textBody,
} from './format.js';

export interface NudgeView {
  recipientName: string;
  unitName: string;
  planTitle: string;
  taskNumber: number;
  taskTitle: string;
  /** The last report on the assignment, or when it started; null when nothing is known. */
  lastUpdate: Date | null;
  days: number;
  timeZone: string;
  /** The page to act on; null for a recipient without an account. */
  link: string | null;
  /** Whom a recipient without an account contacts: '请联系……（电话：……）'. */
  officeContact: string;
}

/** 进展更新提醒: an assignment has had no update for the plan's `nudgeAfterDays`. */
export function renderNudge(v: NudgeView): MailContent {
  const task = `任务${v.taskNumber} ${v.taskTitle}`;
  const subject = `【进展更新提醒】${task}已${v.days}天未更新`;
  const intro = `${v.recipientName}：您好！`;
  const since = v.lastUpdate ? `自${formatDateTime(v.lastUpdate, v.timeZone)}以来` : '';
  const lead = `《${v.planTitle}》中${v.unitName}承担的“${task}”${since}已${v.days}天没有更新进展。`;
  const action = {
    ask: '请及时登录平台更新任务进展：',
    link: v.link,
    contact: `您尚未开通平台账号，请转告本单位联络员更新进展；开通账号或有疑问的，${v.officeContact}`,
  };
  return {
    subject,
    summary: `${v.unitName}承担的${task}已${v.days}天未更新进展。`,
    text: textBody([intro, lead, textAction(action)]),
    html: htmlPage(subject, [htmlParagraph(intro), htmlParagraph(lead), htmlAction(action)].join('')),
  };
}
