import {
  formatDateTime,
  formatMonth,
  htmlAction,
  htmlItemList,
  htmlPage,
  htmlParagraph,
  type ItemLine,
  type MailContent,
  textAction,
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
  /** The unit's to-do list for the month; null for a recipient without an account. */
  periodLink: string | null;
  /** Whom a recipient without an account contacts: '请联系……（电话：……）'. */
  officeContact: string;
}

/**
 * What the overdue items will cost, as the assessment scheme counts it (附表3-2, domain.md): a month with anything
 * never submitted by its deadline counts once; a returned report keeps the timeliness of its first submission once
 * it is resubmitted, and counts as not reported while it is not.
 */
export function escalationConsequences(items: readonly ItemLine[]): string[] {
  const lines: string[] = [];
  if (items.some((i) => !i.returned))
    lines.push('逾期未报送的，本月计迟报1次，计入年度考评（按要求及时报送材料，每次扣1分）。');
  if (items.some((i) => i.returned === 'on_time'))
    lines.push('退回修改的事项首次报送按时，修改后重新报送不计迟报；年度考评时仍未重新报送的，视为未报送。');
  if (items.some((i) => i.returned === 'late')) lines.push('首次报送已逾期的退回事项已计迟报，请尽快修改后重新报送。');
  return lines;
}

/** 逾期催报 to a unit's responsible leader (分管领导) after the deadline has passed. */
export function renderEscalation(v: EscalationView): MailContent {
  const period = formatMonth(v.year, v.month);
  const deadline = formatDateTime(v.deadline, v.timeZone);
  const subject = `【逾期催报】${v.unitName}${period}进展报送已逾期，尚有${v.items.length}项未报送`;
  const intro = `${v.recipientName}：您好！`;
  const lead =
    `《${v.planTitle}》${period}进展报送已于${deadline}截止，` +
    `${v.unitName}仍有以下${v.items.length}项未报送（或退回待重新报送）：`;
  const consequences = escalationConsequences(v.items).join('');
  const action = {
    ask: '请督促本单位联络员尽快补报：',
    link: v.periodLink,
    contact: `请督促本单位联络员登录平台尽快补报；如有疑问，${v.officeContact}`,
  };
  return {
    subject,
    summary: `${v.unitName}${period}进展报送已逾期，尚有${v.items.length}项未报送。${consequences}`,
    text: textBody([intro, lead, textItemList(v.items), consequences, textAction(action)]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        htmlParagraph(lead),
        htmlItemList(v.items),
        htmlParagraph(consequences),
        htmlAction(action),
      ].join(''),
    ),
  };
}
