import { localDateParts, localDateTimeOf, type LocalDate } from '@app/domain';

/** What every template produces: the email and the short line the in-app inbox shows. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /** One or two sentences for the inbox (我的消息), without links. */
  summary: string;
}

/**
 * One thing a unit still owes, with the page where it is filled in (null for a recipient without an account, who
 * gets no link that would only open the login page). `returned` says the report came back for changes, and whether
 * its first submission was on time (which it keeps when resubmitted).
 */
export interface ItemLine {
  label: string;
  link: string | null;
  returned?: 'on_time' | 'late' | null;
}

/** The item as listed: its label, and what happened to it when it was returned. */
function itemText(item: ItemLine): string {
  return item.returned ? `${item.label}（已退回，待修改后重新报送）` : item.label;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** '2023年4月6日' */
export function formatDate(date: LocalDate): string {
  const { year, month, day } = localDateParts(date);
  return `${year}年${month}月${day}日`;
}

/** '2023年4月6日 17:00' on the wall clock of `timeZone`. */
export function formatDateTime(instant: Date, timeZone: string): string {
  const { date, time } = localDateTimeOf(instant, timeZone);
  return `${formatDate(date)} ${time}`;
}

/** '2023年3月' */
export function formatMonth(year: number, month: number): string {
  return `${year}年${month}月`;
}

export const FOOTER_TEXT = '本邮件由科技创新赋能行动调度平台自动发送，请勿直接回复。';

/** A plain, inline-styled page that mail clients render alike. */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"><title>',
    escapeHtml(title),
    '</title></head>',
    "<body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px;color:#222;line-height:1.6\">",
    body,
    `<p style="color:#888;font-size:12px;margin-top:24px">${escapeHtml(FOOTER_TEXT)}</p>`,
    '</body></html>',
  ].join('');
}

export function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export function htmlLink(label: string, href: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

export function htmlItemList(items: readonly ItemLine[]): string {
  const line = (i: ItemLine) => (i.link ? htmlLink(itemText(i), i.link) : escapeHtml(itemText(i)));
  return `<ol>${items.map((i) => `<li>${line(i)}</li>`).join('')}</ol>`;
}

export function textItemList(items: readonly ItemLine[]): string {
  return items.map((item, i) => `${i + 1}. ${itemText(item)}${item.link ? `\n   ${item.link}` : ''}`).join('\n');
}

/** The closing line: where to act (a link), or, for a recipient without an account, whom to contact. */
export interface ActionLine {
  /** What to do, ending in a colon when a link follows. */
  ask: string;
  link: string | null;
  /** Shown instead of the link when there is none: the office to contact. */
  contact: string;
}

export function textAction(a: ActionLine): string {
  return a.link ? `${a.ask}${a.link}` : a.contact;
}

export function htmlAction(a: ActionLine): string {
  return a.link ? `<p>${escapeHtml(a.ask)}${htmlLink(a.link, a.link)}</p>` : htmlParagraph(a.contact);
}

/** Joins text paragraphs with a blank line and appends the footer. */
export function textBody(paragraphs: readonly string[]): string {
  return [...paragraphs, FOOTER_TEXT].join('\n\n') + '\n';
}
