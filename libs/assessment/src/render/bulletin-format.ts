import { Decimal } from 'decimal.js';
import type { BulletinRow, BulletinSnapshot, LagKind, Quantity, TrafficLight } from './bulletin.types.js';

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

/** 预警 as printed: 红灯 / 黄灯 / 绿灯. */
export const LIGHT_TEXT: Record<TrafficLight, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

/** What each light means, in the order a legend lists them. */
export const LIGHT_LEGEND: ReadonlyArray<{ light: TrafficLight; meaning: string }> = [
  { light: 'red', meaning: '严重滞后（完成不足序时进度的50%，或有未报）' },
  { light: 'yellow', meaning: '存在滞后（完成不足序时进度的80%，或有迟报）' },
  { light: 'green', meaning: '正常推进' },
];

/** The legend as one line under a table: 预警说明：红灯——严重滞后…；黄灯——…；绿灯——正常推进。 */
export const LIGHT_NOTE = `预警说明：${LIGHT_LEGEND.map((l) => `${LIGHT_TEXT[l.light]}——${l.meaning}`).join('；')}。`;

/** 任务 / 指标 / 项目, as the 类别 column prints a lagging row's kind. */
export const LAG_KIND_TEXT: Record<LagKind, string> = { task: '任务', indicator: '指标', project: '项目' };

/** A figure rounded to its places, or null when it was not reported or is not a number. */
function quantityDecimal(quantity: Quantity): Decimal | null {
  if (quantity.value === null) return null;
  return decimalOrNull(quantity.value)?.toDecimalPlaces(quantity.decimals, Decimal.ROUND_HALF_UP) ?? null;
}

/** A figure with its unit: 62.50% / 8112.15万元 / 12家 / 未报; text that is not a number is printed as it is. */
export function quantityText(quantity: Quantity): string {
  if (quantity.value === null) return '未报';
  const d = quantityDecimal(quantity);
  return d === null ? quantity.value : `${d.toFixed(quantity.decimals)}${quantity.unit}`;
}

/**
 * A figure as a spreadsheet cell: a number whose format shows its unit (a percentage as a fraction
 * shown 62.50%, 万元 as 8112.15 shown 8112.15万元), or text when it is not a number.
 */
export function quantityCell(quantity: Quantity): { value: number | string; numFmt: string } {
  const d = quantityDecimal(quantity);
  if (d === null) return { value: quantityText(quantity), numFmt: '@' };
  const places = quantity.decimals > 0 ? `0.${'0'.repeat(quantity.decimals)}` : '0';
  if (quantity.unit === '%') return { value: d.div(100).toNumber(), numFmt: `${places}%` };
  const unit = quantity.unit === '' ? '' : `"${quantity.unit.replaceAll('"', '')}"`;
  return { value: d.toNumber(), numFmt: `${places}${unit}` };
}

/** A decimal string as a number, or null when it is not one (then it is printed as text). */
export function decimalOrNull(value: string): Decimal | null {
  const trimmed = value.trim().replace(/%$/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  return new Decimal(trimmed);
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
