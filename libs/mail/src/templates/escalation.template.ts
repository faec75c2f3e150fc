import {
  escapeHtml,
  formatDateTime,
  formatMonth,
  htmlItemList,
  htmlLink,
  htmlPage,
  htmlParagraph,
  type ItemLine,
  type MailContent,
  textBody,
  textItemList,
} from './format.js';

export interface EscalationView {
  recipientName: string;
  unitName: string;
  planTitle: string;
  year: number;
  month: number;
  deadline: Date;
  timeZone: string;
  items: readonly ItemLine[];
  periodLink: string;
}

/** 逾期催报 to a unit's responsible leader (分管领导) after the deadline has passed. */
export function renderEscalation(v: EscalationView): MailContent {
  const period = formatMonth(v.year, v.month);
  const deadline = formatDateTime(v.deadline, v.timeZone);
  const subject = `【逾期催报】${v.unitName}${period}进展报送已逾期，尚有${v.items.length}项未报送`;
  const intro = `${v.recipientName}：您好！`;
  const lead = `《${v.planTitle}》${period}进展报送已于${deadline}截止，${v.unitName}仍有以下${v.items.length}项未报送：`;
  const ask = '逾期将计入年度考评（每次扣分）。请督促本单位联络员尽快补报：';
  return {
    subject,
    summary: `${v.unitName}${period}进展报送已逾期，尚有${v.items.length}项未报送。`,
    text: textBody([intro, lead, textItemList(v.items), `${ask}${v.periodLink}`]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        htmlParagraph(lead),
        htmlItemList(v.items),
        `<p>${escapeHtml(ask)}${htmlLink(v.periodLink, v.periodLink)}</p>`,
      ].join(''),
    ),
  };
}
