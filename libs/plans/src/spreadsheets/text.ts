import { normaliseHeader, toHalfWidth } from '@app/spreadsheets';
import type { LiaisonEntry } from './types.js';

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section and stage numbers). */
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n]!;
  if (n < 20) return `十${n % 10 ? NUMERALS[n % 10] : ''}`;
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${n % 10 ? NUMERALS[n % 10] : ''}`;
  return String(n);
}

/** A cell listing units: one per line, or separated by 、，,；; or runs of spaces. */
export function splitUnits(text: string): string[] {
  const units = toHalfWidth(text)
    .split(/[\s、,，;；]+/)
    .map((u) => u.trim())
    .filter(Boolean);
  return [...new Set(units)];
}

const PHONE = /^(?:\+?86-?)?(?:0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|1\d{10}|\d{7,8})$/;
const PLACEHOLDER_NAME = /^联络员[(（].*[)）]$/;
const SECTION_SUFFIX = /(科|办|室|处|局|部|中心|所|股|组|站|队|司|院|委|会|人|馆|团|厅)$/;

/**
 * A liaison cell. Entries are separated by 、 or ；, or one per line when every line names at least
 * a unit and something else; within an entry the tokens are unit, 科室, name, phone:
 * "市科技局 赋能办 联络员（市科技局） 0797-1234567". A phone is any token that looks like one; of
 * the tokens between unit and phone the last is a name when it looks like one (a placeholder
 * "联络员（…）" or two to four Chinese characters that do not end like an office), the rest is
 * the 科室.
 */
export function parseLiaisons(text: string): LiaisonEntry[] {
  const cleaned = text.trim();
  if (!cleaned) return [];
  const lines = cleaned
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const perLine = lines.length > 1 && lines.every((l) => l.split(/\s+/).length >= 2);
  const chunks = perLine ? lines : [lines.join(' ')];
  return chunks
    .flatMap((chunk) => chunk.split(/[、；;]/))
    .map((e) => e.trim())
    .filter(Boolean)
    .map(parseLiaison);
}

export function parseLiaison(entry: string): LiaisonEntry {
  const tokens = entry.split(/\s+/).filter(Boolean);
  const phoneIndex = tokens.findIndex((t, i) => i > 0 && PHONE.test(toHalfWidth(t)));
  const phone = phoneIndex > 0 ? toHalfWidth(tokens.splice(phoneIndex, 1)[0]!) : '';
  const [unit = '', ...middle] = tokens;
  let name = '';
  const last = middle[middle.length - 1];
  if (last !== undefined && looksLikeName(last)) name = middle.pop()!;
  return { unit, section: middle.join(' '), name, phone };
}

function looksLikeName(token: string): boolean {
  if (PLACEHOLDER_NAME.test(token)) return true;
  return /^[\u4e00-\u9fff·]{2,4}$/.test(token) && !SECTION_SUFFIX.test(token);
}

/** Writes a liaison entry the way parseLiaison reads it. */
export function formatLiaison(entry: LiaisonEntry): string {
  return [entry.unit, entry.section, entry.name, entry.phone].filter(Boolean).join(' ');
}

/**
 * "全社会研发经费投入强度（%）" → name and unit of measure. Only a short trailing parenthesis
 * (full- or half-width) is a unit; line breaks inside the name are dropped.
 */
export function splitIndicatorName(text: string): { name: string; unitOfMeasure: string } {
  const joined = text.replace(/\s*\n\s*/g, '').trim();
  const match = /^(.*?)\s*[(（]([^()（）]{1,8})[)）]$/.exec(joined);
  if (!match || !match[1]) return { name: joined, unitOfMeasure: '' };
  return { name: match[1].trim(), unitOfMeasure: match[2]!.trim() };
}

/**
 * A month as offices write it, or as a date cell prints it (see @app/spreadsheets: the text its
 * format shows): "2023年1月", "2023年01月", "2023-01", "2023/1", "2023.1", "2023-01-15",
 * "2023年1月15日", "2023/1/15 0:00", and the American "1/15/2023" of an m/d/yyyy format →
 * "2023-01"; else null.
 */
export function parseMonth(text: string): string | null {
  const compact = toHalfWidth(text)
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?$/i, '');
  const written = /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?(?:\s*(?:[-/.]\s*\d{1,2}|\d{1,2}\s*日))?$/.exec(compact);
  const american = written ? null : /^(\d{1,2})([-/])\d{1,2}\2(\d{4})$/.exec(compact);
  const [year, monthText] = written
    ? [written[1]!, written[2]!]
    : american
      ? [american[3]!, american[1]!]
      : [null, null];
  if (year === null) return null;
  const month = Number(monthText);
  if (month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** "2023-01" → "2023年1月" (how the office prints a month). */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[1]}年${Number(match[2])}月` : month;
}

export type YearMark = 'baseline' | 'target' | null;

/**
 * A year column header: "2023", "2023年", "2023 年", "2022年（基期）", "2025年目标". The mark says
 * whether the header itself calls the column a baseline (基期, 基数, 现状, 实际, 完成) or a target
 * (目标, 预期, 计划).
 */
export function parseYearHeader(text: string): { year: number; mark: YearMark } | null {
  const compact = normaliseHeader(text);
  const match = /^((?:19|20|21)\d{2})(?:年度?)?(?:\(([^)]*)\))?([^()]*)$/.exec(compact);
  if (!match) return null;
  const note = `${match[2] ?? ''}${match[3] ?? ''}`;
  if (note && !/^(基期|基期值|基数|现状|实际|实际值|完成|完成值|目标|目标值|预期|预期目标|预期值|计划)*$/.test(note))
    return null;
  const mark: YearMark = /基期|基数|现状|实际|完成/.test(note)
    ? 'baseline'
    : /目标|预期|计划/.test(note)
      ? 'target'
      : null;
  return { year: Number(match[1]), mark };
}
