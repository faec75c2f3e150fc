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

export interface ReminderView {
  recipientName: string;
  unitName: string;
  planTitle: string;
  year: number;
  month: number;
  deadline: Date;
  timeZone: string;
  /** Whole calendar days before the deadline's date (3 for D-3, 0 on the day); null for the office's manual chase (催报). */
  daysBefore: number | null;
  items: readonly ItemLine[];
  /** The unit's to-do list for the month; null for a recipient without an account. */
  periodLink: string | null;
  /** Whom a recipient without an account contacts: '请联系……（电话：……）'. */
  officeContact: string;
}

/** 报送提醒 to a unit's liaison before the deadline, listing exactly what is still outstanding. */
export function renderReminder(v: ReminderView): MailContent {
  const period = formatMonth(v.year, v.month);
  const deadline = formatDateTime(v.deadline, v.timeZone);
  const when =
    v.daysBefore === null
      ? `截止时间为${deadline}`
      : v.daysBefore === 0
        ? `今天（${deadline}）截止`
        : `将于${deadline}截止（还有${v.daysBefore}天）`;
  const subject =
    v.daysBefore === null
      ? `【催报】${v.unitName}${period}进展报送尚有${v.items.length}项未报送`
      : `【报送提醒】${period}进展报送${v.daysBefore === 0 ? '今天截止' : `${v.daysBefore}天后截止`}：` +
        `${v.unitName}尚有${v.items.length}项未报送`;
  const intro = `${v.recipientName}：您好！`;
  const lead = `《${v.planTitle}》${period}进展报送${when}。${v.unitName}尚有以下${v.items.length}项未报送（或被退回待修改）：`;
  const action = {
    ask: '请登录平台逐项填报并提交：',
    link: v.periodLink,
    contact: `您尚未开通平台账号，请将以上事项转告本单位联络员报送；开通账号或报送有疑问的，${v.officeContact}`,
  };
  return {
    subject,
    summary: `${v.unitName}${period}进展报送尚有${v.items.length}项未报送，${when}。`,
    text: textBody([intro, lead, textItemList(v.items), textAction(action)]),
    html: htmlPage(
      subject,
      [htmlParagraph(intro), htmlParagraph(lead), htmlItemList(v.items), htmlAction(action)].join(''),
    ),
  };
}
