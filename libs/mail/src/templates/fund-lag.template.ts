import { htmlAction, htmlPage, htmlParagraph, type MailContent, textAction, textBody } from './format.js';

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
  /** The page to act on; null for a recipient without an account. */
  link: string | null;
  /** Whom a recipient without an account contacts: '请联系……（电话：……）'. */
  officeContact: string;
}

/** 预算执行进度提醒: a fund's spending is behind its time-elapsed plan (序时进度). */
export function renderFundLag(v: FundLagView): MailContent {
  const [year, month] = v.month.split('-').map(Number);
  const subject = `【预算执行提醒】${v.projectName}执行进度落后于序时进度`;
  const intro = `${v.recipientName}：您好！`;
  const lead =
    `截至${year}年${month}月底，${v.unitName}主管的“${v.projectName}”（预算 ${v.budget} 万元）累计支出 ${v.spent} 万元，` +
    `按序时进度应支出 ${v.expectedSpent} 万元${v.executionRate === null ? '' : `，预算执行率 ${v.executionRate}%`}。`;
  const action = {
    ask: '请加快资金执行并及时在平台填报执行情况：',
    link: v.link,
    contact: `您尚未开通平台账号，请转告本单位联络员填报执行情况；开通账号或有疑问的，${v.officeContact}`,
  };
  return {
    subject,
    summary: `${v.projectName}累计支出 ${v.spent} 万元，低于序时进度 ${v.expectedSpent} 万元。`,
    text: textBody([intro, lead, textAction(action)]),
    html: htmlPage(subject, [htmlParagraph(intro), htmlParagraph(lead), htmlAction(action)].join('')),
  };
}
