/**
 * Dates and times as Excel or WPS print them in a Chinese office: a date cell is a serial number
 * with a date format, and the office reads the format's text (2023年12月31日, 2023/12/31), not the
 * serial. What cannot be rendered faithfully (month or weekday names, 农历 or other calendars,
 * Chinese numerals, elapsed hours, fractions of a second, the system's long date) reads as
 * YYYY-MM-DD, the same date in a form every consumer parses.
 */

export interface DateParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31 (0 only for the 1900 system's serial 0, which Excel prints as 1900/1/0). */
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

type Field = 'year' | 'month' | 'day' | 'hours' | 'minutes' | 'seconds';
type Token =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: Field; width: number }
  | { kind: 'ampm'; am: string; pm: string };

/** A format compiled once per cell format: its tokens, or null when it cannot be rendered. */
export type DateFormat = Token[] | null;

const DAY_SECONDS = 86_400;
/** 9999-12-31 in the 1900 system: Excel shows ##### beyond it. */
const LAST_SERIAL = 2_958_466;
const DAY_MS = DAY_SECONDS * 1000;

/**
 * The calendar date and time of a serial, to the nearest second, or null when Excel would show
 * ##### (a negative serial, or one past 9999). The 1900 system keeps Lotus 1-2-3's 29 February
 * 1900 (serial 60), so serials before it count from 1899-12-31 and the rest from 1899-12-30.
 */
export function serialParts(serial: number, date1904: boolean): DateParts | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= LAST_SERIAL) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * DAY_SECONDS);
  if (seconds >= DAY_SECONDS) {
    days++;
    seconds -= DAY_SECONDS;
  }
  const time = { hours: Math.floor(seconds / 3600), minutes: Math.floor(seconds / 60) % 60, seconds: seconds % 60 };
  if (!date1904 && days === 60) return { year: 1900, month: 2, day: 29, ...time };
  if (!date1904 && days === 0) return { year: 1900, month: 1, day: 0, ...time };
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), ...time };
}

/** An ISO date-time as a `t="d"` cell holds it (`2023-01-15`, `2023-01-15T08:30:00Z`), or null. */
export function isoParts(text: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { year, month, day, hours, minutes, seconds };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** YYYY-MM-DD: the fallback for a format that cannot be rendered. */
export function isoDate(parts: DateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** The first section of a format (the one for positive numbers), `;` inside quotes or escapes kept. */
function firstSection(code: string): string {
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') quoted = !quoted;
    else if (ch === '\\' && !quoted) i++;
    else if (ch === ';' && !quoted) return code.slice(0, i);
  }
  return code;
}

/**
 * A `[...]` tag: colours and conditions print nothing; a locale (`[$-804]`, `[$-zh-CN]`) prints its
 * currency text if any (`[$¥-804]`). The system date and time (`[$-F800]`, `[$-F400]`), another
 * calendar or numeral system (`[$-1010804]`, `[DBNum1]`, LibreOffice's `[NatNum1]`) and elapsed time
 * (`[h]`) cannot be rendered.
 */
function tagText(tag: string): string | null {
  if (/^(?:h+|m+|s+)$/i.test(tag) || /^(?:dbnum|natnum)/i.test(tag)) return null;
  if (!tag.startsWith('$')) return '';
  const [currency = '', locale = ''] = tag.slice(1).split('-');
  if (/^(?:[0-9a-f]*F[48]00)$/i.test(locale)) return null;
  if (/^[0-9a-f]{5,8}$/i.test(locale) && parseInt(locale, 16) > 0xffff) return null;
  return currency;
}

/**
 * Compiles a date format (`yyyy"年"m"月"d"日"`, `yyyy/m/d h:mm`, `上午/下午h"时"mm"分"`) into tokens.
 * `m` is the minute right after an hour or right before a second (text between them aside), else
 * the month. Characters that are not codes (年, 月, -, /, spaces …) print as they are.
 */
export function compileDateFormat(code: string): DateFormat {
  const section = firstSection(code);
  const tokens: Token[] = [];
  const text = (t: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += t;
    else tokens.push({ kind: 'text', text: t });
  };
  for (let i = 0; i < section.length;) {
    const ch = section[i]!;
    const rest = section.slice(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return null;
      text(section.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '\\') {
      text(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return null;
      const printed = tagText(section.slice(i + 1, end));
      if (printed === null) return null;
      text(printed);
      i = end + 1;
    } else if (ch === '_') {
      text(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2;
    } else if (/^上午\/下午/.test(rest)) {
      tokens.push({ kind: 'ampm', am: '上午', pm: '下午' });
      i += 5;
    } else if (/^am\/pm/i.test(rest)) {
      tokens.push({ kind: 'ampm', am: rest.slice(0, 2), pm: rest.slice(3, 5) });
      i += 5;
    } else if (/^a\/p/i.test(rest)) {
      tokens.push({ kind: 'ampm', am: rest[0]!, pm: rest[2]! });
      i += 3;
    } else if (/[ymdhs]/i.test(ch)) {
      const letter = ch.toLowerCase();
      let width = 1;
      while (section[i + width]?.toLowerCase() === letter) width++;
      i += width;
      if (letter === 'y') tokens.push({ kind: 'field', field: 'year', width: width <= 2 ? 2 : 4 });
      else if (width > 2)
        return null; // mmm (month names), ddd (weekdays), hhh …
      else
        tokens.push({
          kind: 'field',
          field: ({ m: 'month', d: 'day', h: 'hours', s: 'seconds' } as const)[letter as 'm' | 'd' | 'h' | 's'],
          width,
        });
    } else if (/[a-z0-9#?@%]/i.test(ch)) {
      // e (era year), g (era), b (Buddhist year), aaa (weekday), digit placeholders …
      return null;
    } else {
      text(ch);
      i++;
    }
  }
  const fields = tokens.filter((t): t is Extract<Token, { kind: 'field' }> => t.kind === 'field');
  if (fields.length === 0) return null;
  fields.forEach((token, k) => {
    if (token.field !== 'month') return;
    if (fields[k - 1]?.field === 'hours' || fields[k + 1]?.field === 'seconds') token.field = 'minutes';
  });
  return tokens;
}

/** The text a compiled format prints for the date, or YYYY-MM-DD when it cannot be rendered. */
export function renderDate(format: DateFormat, parts: DateParts): string {
  if (!format) return isoDate(parts);
  const twelveHour = format.some((t) => t.kind === 'ampm');
  return format
    .map((token) => {
      switch (token.kind) {
        case 'text':
          return token.text;
        case 'ampm':
          return parts.hours < 12 ? token.am : token.pm;
        case 'field': {
          if (token.field === 'year') return token.width === 2 ? pad(parts.year % 100, 2) : pad(parts.year, 4);
          const value = token.field === 'hours' && twelveHour ? parts.hours % 12 || 12 : parts[token.field];
          return pad(value, token.width);
        }
      }
    })
    .join('');
}
