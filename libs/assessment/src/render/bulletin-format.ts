import { Decimal } from 'decimal.js';
import type { BulletinRow, BulletinSnapshot, Flag } from './bulletin.types.js';

/** Wording shared by the .xlsx and PDF renderers, so both print the same bulletin. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // China has kept UTC+8 without DST since 1991.

/** '2023-04-15T02:00:00Z' → '2023年4月15日' (the calendar day in Asia/Shanghai). */
export function chineseDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`通报发布时间无效：${iso}`);
  const local = new Date(time + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** The publication instant as a Date; renderers stamp it as the file's creation time. */
export function publishedDate(snapshot: BulletinSnapshot): Date {
  const time = Date.parse(snapshot.publishedAt);
  if (Number.isNaN(time)) throw new RangeError(`通报发布时间无效：${snapshot.publishedAt}`);
  return new Date(time);
}

/**
 * Revision 1 is the first publication; revision N > 1 is the (N−1)-th correction and is the N-th
 * version (the export file name says 第N版). Null for a first publication.
 */
export function revisionNote(snapshot: BulletinSnapshot): string | null {
  if (snapshot.revision <= 1) return null;
  const reason = snapshot.correctionReason?.trim() || '未注明原因';
  return `第${snapshot.revision - 1}次修订（第${snapshot.revision}版）：${reason}`;
}

/** 名次 as printed: a rank of 0 (or less) means the unit was not ranked. */
export function rankText(rank: number): string {
  return rank > 0 ? String(rank) : '—';
}

/** 较上季度: ↑2 (moved up two places) / ↓1 / 持平 / 新 (not ranked last quarter). */
export function rankChangeText(row: Pick<BulletinRow, 'rank' | 'previousRank'>): string {
  if (row.rank <= 0) return '—';
  if (row.previousRank === null || row.previousRank <= 0) return '新';
  const delta = row.previousRank - row.rank;
  if (delta > 0) return `↑${delta}`;
  if (delta < 0) return `↓${-delta}`;
  return '持平';
}

/** The most severe flag of a row: red beats yellow; null when unflagged. */
export function worstFlag(flags: readonly Flag[]): Flag | null {
  if (flags.includes('red')) return 'red';
  if (flags.includes('yellow')) return 'yellow';
  return null;
}

export function flagText(flag: Flag | null): string {
  return flag === 'red' ? '红' : flag === 'yellow' ? '黄' : '';
}

export const FLAG_NOTE = '注：标记“红”表示严重滞后，“黄”表示存在滞后。';

/** A decimal string as a number, or null when it is not one (then it is printed as text). */
export function decimalOrNull(value: string): Decimal | null {
  const trimmed = value.trim().replace(/%$/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  return new Decimal(trimmed);
}

/** A percentage 0–100 as stored ("62.5") → "62.50%"; anything else unchanged. */
export function percentText(value: string): string {
  const d = decimalOrNull(value);
  return d === null ? value : `${d.toFixed(2)}%`;
}

/** Full marks of the scheme when every column names its points, e.g. '指标进度（60分）'. */
export function fullMarks(columns: readonly string[]): number | null {
  if (columns.length === 0) return null;
  let sum = new Decimal(0);
  for (const column of columns) {
    const match = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]/.exec(column);
    if (!match) return null;
    sum = sum.plus(match[1] ?? 0);
  }
  return sum.toNumber();
}
