/*
 * The published bulletin (季度通报) as the renderers see it: the presentation part of the immutable
 * snapshot stored with each revision. Strings that look like numbers are already rounded for print.
 * Snapshots published before the traffic lights and typed figures are read through
 * upgradeBulletinSnapshot (bulletin-snapshot-upgrade.ts).
 */

/**
 * Layout of the snapshot: stored snapshots without it are the first layout (标记 flags, bare figures); format 2 is
 * this layout stored as it reads; format 3 stores the lagging list and the counties' inputs as rows of values
 * (bulletin-snapshot-store.ts) and reads as format 2 did.
 */
export const BULLETIN_SNAPSHOT_FORMAT = 3;

/**
 * 预警 by traffic light (红灯/黄灯/绿灯): red for a serious lag, yellow for some lag, green for on
 * schedule. Never 红旗, which honours the best.
 */
export type TrafficLight = 'red' | 'yellow' | 'green';

/**
 * A figure with its unit of measure: '%' (0–100), '万元', or an indicator's own unit ('' when it has
 * none); `decimals` is how many places it is printed with. A null value was not reported.
 */
export interface Quantity {
  value: string | null;
  unit: string;
  decimals: number;
}

/** What a lagging row is: a task's completion, an indicator's value to date, a key project's investment to date. */
export type LagKind = 'task' | 'indicator' | 'project';

/** A county's ranking row. */
export interface BulletinRow {
  rank: number; // 1, 2, 2, 4 …
  unitName: string;
  total: string; // "87.35" (2 decimals, already rounded)
  previousRank: number | null; // rank in the previous quarter's bulletin, null if none
  subtotals: string[]; // one per BulletinSnapshot.columns, 2 decimals
  light: TrafficLight;
}

/** One tier of counties, ranked on its own; label e.g. 一类县（市、区）. */
export interface BulletinTier {
  tier: number;
  label: string;
  rows: BulletinRow[];
}

/** A task, indicator or project behind the time-elapsed line (序时进度), with both figures in its own unit. */
export interface BulletinLag {
  kind: LagKind;
  label: string; // 任务3 … / 指标 … / 项目28 …
  unitName: string;
  actual: Quantity; // done to date
  expected: Quantity; // due to date by the time elapsed
  light: TrafficLight;
}

/** A unit with late or missing reports in the quarter. */
export interface LateUnit {
  unitName: string;
  late: number;
  missing: number;
  light: TrafficLight;
}

export interface BulletinSnapshot {
  format: typeof BULLETIN_SNAPSHOT_FORMAT;
  title: string; // 2023年第一季度科技创新赋能行动县（市、区）推进情况通报
  cityName: string; // 赣州市
  issuer: string; // 赣州市科技创新赋能行动领导小组办公室
  quarterKey: string; // '2023-Q1'
  revision: number; // 1 = first publication; >1 = correction
  correctionReason: string | null;
  publishedAt: string; // ISO instant; print as 2023年4月15日 in Asia/Shanghai
  schemeName: string;
  schemeVersion: number;
  columns: string[]; // subtotal column names, e.g. ['指标进度（60分）', '任务进度（25分）', '报送及时率（15分）']
  tiers: BulletinTier[];
  lagging: BulletinLag[];
  lateUnits: LateUnit[];
}
