import { escapeHtml, htmlLink, htmlPage, htmlParagraph, type MailContent, textBody } from './format.js';

export interface FundLagView {
  recipientName: string;
  unitName: string;
  projectName: string;
  /** YYYY-MM the figures run to. */
  month: string;
  spent: string;
  expectedSpent: string;
  budget: string;
  /** 预算执行率 of the money received, percent; null when nothing was received. */
  executionRate: string | null;
  link: string;
}

/** 预算执行进度提醒: a fund's spending is behind its time-elapsed plan (序时进度). */
export function renderFundLag(v: FundLagView): MailContent {
  const [year, month] = v.month.split('-').map(Number);
  const subject = `【预算执行提醒】${v.projectName}执行进度落后于序时进度`;
  const intro = `${v.recipientName}：您好！`;
  const lead =
    `截至${year}年${month}月底，${v.unitName}主管的“${v.projectName}”（预算 ${v.budget} 万元）累计支出 ${v.spent} 万元，` +
    `按序时进度应支出 ${v.expectedSpent} 万元${v.executionRate === null ? '' : `，预算执行率 ${v.executionRate}%`}。`;
  const ask = '请加快资金执行并及时在平台填报执行情况：';
  return {
    subject,
    summary: `${v.projectName}累计支出 ${v.spent} 万元，低于序时进度 ${v.expectedSpent} 万元。`,
    text: textBody([intro, lead, `${ask}${v.link}`]),
    html: htmlPage(
      subject,
      [htmlParagraph(intro), htmlParagraph(lead), `<p>${escapeHtml(ask)}${htmlLink(v.link, v.link)}</p>`].join(''),
    ),
  };
}
