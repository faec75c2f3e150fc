import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

const TZ = 'Asia/Shanghai';

/** 2023年4月10日 (dates as YYYY-MM-DD are calendar dates, instants are shown in Asia/Shanghai). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : dayjs(value).tz(TZ);
  return d.format('YYYY年M月D日');
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(TZ).format('YYYY年M月D日 HH:mm');
}

export const progressLabels: Record<string, string> = {
  on_track: '正常推进',
  at_risk: '存在风险',
  lagging: '进度滞后',
  done: '已完成',
};

export const statusLabels: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已通过',
};

export const statusColors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  accepted: 'success',
};

export const timelinessLabels: Record<string, string> = {
  on_time: '按时',
  late: '迟报',
  missing: '未报',
  pending: '未到期',
};

export const timelinessColors: Record<string, string> = {
  on_time: '#52c41a',
  late: '#fa8c16',
  missing: '#f5222d',
  pending: '#bfbfbf',
};

export function monthLabel(year: number, month: number): string {
  return `${year}年${month}月`;
}

/** The instant a calendar day (YYYY-MM-DD) starts in Asia/Shanghai, whatever the browser's zone. */
export function dayStartIso(date: string): string {
  return dayjs.tz(date, TZ).toISOString();
}

/** An amount in 万元 as the API sends it (a decimal string) with thousands separators and two decimals: 58,600.00. */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'number' ? value.toFixed(2) : value;
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text;
  // Half-up to two decimals on the digits, never through a float.
  const digits = `${m[2]}${((m[3] ?? '') + '000').slice(0, 3)}`;
  const rounded = (BigInt(digits) + 5n) / 10n;
  const whole = (rounded / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (rounded % 100n).toString().padStart(2, '0');
  return `${m[1]}${whole}.${cents}`;
}

/** 58,600.00 万元 */
export function formatWan(value: string | number | null | undefined): string {
  const text = formatMoney(value);
  return text === '—' ? text : `${text} 万元`;
}

/** A percentage the API already rounded ("95.00") as 95.00%; null (not computable) as —. */
export function formatPercent(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${value}%`;
}

/** `2023-04` → 2023年4月 */
export function formatMonth(value: string | null | undefined): string {
  const m = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  return m ? monthLabel(Number(m[1]), Number(m[2])) : (value ?? '—');
}
