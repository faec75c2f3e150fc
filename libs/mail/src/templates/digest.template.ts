import { type LocalDate } from '@app/domain';
import {
  escapeHtml,
  formatDate,
  formatDateTime,
  formatMonth,
  htmlLink,
  htmlPage,
  htmlParagraph,
  type MailContent,
  textBody,
} from './format.js';

export interface OverdueUnitLine {
  unitName: string;
  outstanding: number;
  link: string;
}

export interface OfficeDigestView {
  recipientName: string;
  planTitle: string;
  year: number;
  month: number;
  deadline: Date;
  timeZone: string;
  expected: number;
  outstanding: number;
  units: readonly OverdueUnitLine[];
  link: string;
}

/** 逾期汇总 to the office after a deadline: which units still owe what. */
export function renderOfficeDigest(v: OfficeDigestView): MailContent {
  const period = formatMonth(v.year, v.month);
  const subject = `【逾期汇总】${period}进展报送：${v.units.length}个单位逾期未报`;
  const intro = `${v.recipientName}：您好！`;
  const lead =
    `《${v.planTitle}》${period}进展报送已于${formatDateTime(v.deadline, v.timeZone)}截止。` +
    `应报${v.expected}项，尚有${v.outstanding}项未报送，涉及${v.units.length}个单位：`;
  const lines = v.units.map((u, i) => `${i + 1}. ${u.unitName}：${u.outstanding}项\n   ${u.link}`).join('\n');
  const rows = v.units
    .map((u) => `<tr><td>${htmlLink(u.unitName, u.link)}</td><td style="text-align:right">${u.outstanding}</td></tr>`)
    .join('');
  return {
    subject,
    summary: `${period}进展报送已截止，${v.units.length}个单位尚有${v.outstanding}项未报送。`,
    text: textBody([intro, lead, lines, `查看报送情况：${v.link}`]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        htmlParagraph(lead),
        `<table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>单位</th><th>未报项数</th></tr>${rows}</table>`,
        `<p>${escapeHtml('查看报送情况：')}${htmlLink(v.link, v.link)}</p>`,
      ].join(''),
    ),
  };
}

export interface WeeklyPeriodLine {
  planTitle: string;
  year: number;
  month: number;
  deadline: Date;
  expected: number;
  submitted: number;
  outstanding: number;
  /** Past the deadline with something outstanding. */
  overdueUnits: readonly string[];
}

export interface WeeklyDigestView {
  recipientName: string;
  cityName: string;
  weekOf: LocalDate;
  timeZone: string;
  periods: readonly WeeklyPeriodLine[];
  staleAssignments: number;
  link: string;
}

/** 每周汇总 for the office: where each current reporting month stands. */
export function renderWeeklyDigest(v: WeeklyDigestView): MailContent {
  const subject = `【每周汇总】${v.cityName}科技创新赋能行动调度周报（${formatDate(v.weekOf)}）`;
  const intro = `${v.recipientName}：您好！以下是本周的报送情况：`;
  const periodText = (p: WeeklyPeriodLine) =>
    `《${p.planTitle}》${formatMonth(p.year, p.month)}（截止${formatDateTime(p.deadline, v.timeZone)}）：` +
    `应报${p.expected}项，已报${p.submitted}项，未报${p.outstanding}项` +
    (p.overdueUnits.length ? `；逾期单位：${p.overdueUnits.join('、')}` : '');
  const paragraphs = v.periods.length ? v.periods.map(periodText) : ['本周没有进行中的报送期。'];
  const stale = `超过规定天数未更新进展的任务分工：${v.staleAssignments}项。`;
  return {
    subject,
    summary: v.periods.length ? paragraphs.join('；') : '本周没有进行中的报送期。',
    text: textBody([intro, ...paragraphs, stale, `查看详情：${v.link}`]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        ...paragraphs.map(htmlParagraph),
        htmlParagraph(stale),
        `<p>查看详情：${htmlLink(v.link, v.link)}</p>`,
      ].join(''),
    ),
  };
}

export interface DailyDigestLine {
  title: string;
  body: string;
  link: string;
  at: Date;
}

export interface DailyDigestView {
  recipientName: string;
  date: LocalDate;
  timeZone: string;
  messages: readonly DailyDigestLine[];
  inboxLink: string;
}

/** 每日汇总: everything a user in daily mode received on one day, in one email. */
export function renderDailyDigest(v: DailyDigestView): MailContent {
  const subject = `【每日汇总】${formatDate(v.date)}您有${v.messages.length}条新消息`;
  const intro = `${v.recipientName}：您好！${formatDate(v.date)}您共收到${v.messages.length}条消息：`;
  const lines = v.messages
    .map(
      (m, i) =>
        `${i + 1}. ${m.title}（${formatDateTime(m.at, v.timeZone)}）\n   ${m.body}${m.link ? `\n   ${m.link}` : ''}`,
    )
    .join('\n');
  const items = v.messages
    .map(
      (m) =>
        `<li><strong>${m.link ? htmlLink(m.title, m.link) : escapeHtml(m.title)}</strong>` +
        `（${escapeHtml(formatDateTime(m.at, v.timeZone))}）<br>${escapeHtml(m.body)}</li>`,
    )
    .join('');
  return {
    subject,
    summary: `${formatDate(v.date)}共${v.messages.length}条消息。`,
    text: textBody([intro, lines, `在平台查看全部消息：${v.inboxLink}`]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        `<ol>${items}</ol>`,
        `<p>在平台查看全部消息：${htmlLink(v.inboxLink, v.inboxLink)}</p>`,
      ].join(''),
    ),
  };
}
