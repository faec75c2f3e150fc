/**
 * The published bulletin (季度通报) as the renderers see it: the presentation part of the immutable
 * snapshot stored with each revision. Strings that look like numbers are already rounded for print.
 */
export type Flag = 'red' | 'yellow';
export interface BulletinRow {
  rank: number; // 1, 2, 2, 4 …
  unitName: string;
  total: string; // "87.35" (2 decimals, already rounded)
  previousRank: number | null; // rank in the previous quarter's bulletin, null if none
  subtotals: string[]; // one per BulletinSnapshot.columns, 2 decimals
  flags: Flag[]; // red: lagging badly / yellow: some lag
}
export interface BulletinTier {
  tier: number;
  label: string;
  rows: BulletinRow[];
} // label: 一类县（市、区）
export interface LaggingTask {
  label: string;
  unitName: string;
  actual: string;
  expected: string;
  flag: Flag;
} // % completion vs 序时进度
export interface LateUnit {
  unitName: string;
  late: number;
  missing: number;
  flag: Flag;
}
export interface BulletinSnapshot {
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
  laggingTasks: LaggingTask[];
  lateUnits: LateUnit[];
}
