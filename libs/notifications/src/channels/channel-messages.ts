import type { ChannelKind } from './webhook-url.js';

/** A group message before it is shaped for one service. */
export interface ChannelMessage {
  title: string;
  lines: string[];
  link: string;
  /** Phones to @-mention (only when the channel asks for it). */
  mobiles: string[];
}

/** 企业微信 text messages take at most 2048 bytes; 钉钉 markdown far more, but a group message should stay readable. */
export const MAX_MESSAGE_BYTES = 2000;

/**
 * The JSON body for the service. 企业微信 uses `text`, because its markdown cannot @-mention by
 * phone (`mentioned_mobile_list` works only on text); 钉钉 uses markdown, where a mention needs
 * both `at.atMobiles` and "@phone" in the text.
 */
export function webhookBody(kind: ChannelKind, message: ChannelMessage): object {
  if (kind === 'wecom') {
    const content = [message.title, ...message.lines, message.link].filter(Boolean).join('\n');
    return {
      msgtype: 'text',
      text: { content, ...(message.mobiles.length > 0 ? { mentioned_mobile_list: message.mobiles } : {}) },
    };
  }
  const text = [
    `#### ${message.title}`,
    message.lines.map((l) => `- ${l}`).join('\n'),
    message.link ? `[登录平台查看](${message.link})` : '',
    message.mobiles.map((m) => `@${m}`).join(' '),
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    msgtype: 'markdown',
    markdown: { title: message.title, text },
    at: { atMobiles: message.mobiles, isAtAll: false },
  };
}

/** Keeps the lines that fit the budget and says how many were left out. */
export function fitLines(lines: readonly string[], budgetBytes: number, more: (left: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const size = Buffer.byteLength(lines[i]!) + 1;
    if (used + size > budgetBytes) {
      kept.push(more(lines.length - i));
      break;
    }
    kept.push(lines[i]!);
    used += size;
  }
  return kept;
}
