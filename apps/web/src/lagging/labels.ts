import type { Schema } from '../api/client';
import { formatWan } from '../format';

export type LaggingItem = Schema<'ScheduleItem'>;
export type Light = LaggingItem['light'];

export const kindLabels: Record<LaggingItem['kind'], string> = { task: '任务', indicator: '指标', project: '项目' };
/** Counting words: tasks are 项, indicators and projects 个. */
export const kindCounters: Record<LaggingItem['kind'], string> = { task: '项', indicator: '个', project: '个' };
export const tierLabels: Record<number, string> = { 0: '市直单位', 1: '一类县', 2: '二类县', 3: '三类县' };
export const lightLabels: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const lightColors: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };
export const LIGHT_LEGEND =
  '红灯：完成量不足序时进度要求的 50%；黄灯：达到 50% 但不足 80%；绿灯：达到 80% 及以上或已完成。';

/** A figure with its own unit: 35.00%, 1,250.00 万元, 120 家. */
export function withMeasure(value: string | null, measure: string): string {
  if (value === null) return '未报';
  if (measure === '万元') return formatWan(value);
  if (measure === '%') return `${value}%`;
  return `${value} ${measure}`;
}

export function shortfallText(item: LaggingItem): string {
  return item.shortfallUnit === '万元' ? formatWan(item.shortfall) : `${item.shortfall} 个百分点`;
}
