import { escapeHtml, formatDateTime, htmlLink, htmlPage, htmlParagraph, type MailContent, textBody } from './format.js';

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
  link: string;
}

/** 进展更新提醒: an assignment has had no update for the plan's `nudgeAfterDays`. */
export function renderNudge(v: NudgeView): MailContent {
  const task = `任务${v.taskNumber} ${v.taskTitle}`;
  const subject = `【进展更新提醒】${task}已${v.days}天未更新`;
  const intro = `${v.recipientName}：您好！`;
  const since = v.lastUpdate ? `自${formatDateTime(v.lastUpdate, v.timeZone)}以来` : '';
  const lead = `《${v.planTitle}》中${v.unitName}承担的“${task}”${since}已${v.days}天没有更新进展。`;
  const ask = '请及时登录平台更新任务进展：';
  return {
    subject,
    summary: `${v.unitName}承担的${task}已${v.days}天未更新进展。`,
    text: textBody([intro, lead, `${ask}${v.link}`]),
    html: htmlPage(
      subject,
      [htmlParagraph(intro), htmlParagraph(lead), `<p>${escapeHtml(ask)}${htmlLink(v.link, v.link)}</p>`].join(''),
    ),
  };
}
