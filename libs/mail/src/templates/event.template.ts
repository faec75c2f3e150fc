import { escapeHtml, htmlLink, htmlPage, htmlParagraph, type MailContent, textBody } from './format.js';

export interface EventView {
  recipientName: string;
  title: string;
  text: string;
  link: string;
}

/** A one-off message from the workflow (a report returned, accepted …). */
export function renderEvent(v: EventView): MailContent {
  const subject = `【平台通知】${v.title}`;
  const intro = `${v.recipientName}：您好！`;
  return {
    subject,
    summary: v.text,
    text: textBody([intro, v.text, ...(v.link ? [`查看详情：${v.link}`] : [])]),
    html: htmlPage(
      subject,
      [
        htmlParagraph(intro),
        htmlParagraph(v.text),
        v.link ? `<p>${escapeHtml('查看详情：')}${htmlLink(v.link, v.link)}</p>` : '',
      ].join(''),
    ),
  };
}
