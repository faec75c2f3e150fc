export type ProgressStatus = 'on_track' | 'at_risk' | 'lagging' | 'done';
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Plan {
  id: string;
  title: string;
  docNumber: string;
  status: string;
  startYear: number;
  endYear: number;
  issuingBody?: string;
  issueDate?: string | null;
  publishedAt?: string | null;
  /** Optimistic-lock version: a PATCH with a stale one is refused with 409. */
  version?: number;
}

export interface TodoItem {
  periodId: string;
  planId: string;
  year: number;
  month: number;
  deadline: string;
  unitId: string;
  subjectType: string;
  subjectId: string;
  label: string;
  reportId: string | null;
  status: ReportStatus | null;
  version: number | null;
  timeliness: string;
  outstanding: boolean;
  dueDate: string;
  daysLeft: number;
  returnedReason: string | null;
}

export interface Evidence {
  sha256: string;
  filename: string;
  uploadedAt: string;
}

export interface Report {
  id: string;
  periodId: string;
  planId: string;
  unitId: string;
  unitName: string;
  subjectType: string;
  subjectId: string;
  subjectLabel?: string;
  status: ReportStatus;
  version: number;
  progressStatus: ProgressStatus | null;
  completionPercent: string | null;
  narrative: string;
  problems: string;
  nextSteps: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  late: boolean | null;
  returnedReason: string | null;
  reviewedAt: string | null;
  updatedAt: string;
  period?: { year: number; month: number; dueDate: string; deadline: string; closesAt: string | null };
  evidence?: Evidence[];
}

export interface Period {
  id: string;
  year: number;
  month: number;
  dueDate: string;
  deadline: string;
}

export interface CompletenessCell {
  status: 'on_time' | 'late' | 'missing' | 'pending' | string;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

export interface CompletenessRow {
  unitId: string;
  unitName: string;
  kind: string;
  cells: Record<string, CompletenessCell>;
  rate: string;
}

export interface CompletenessMatrix {
  year: number;
  months: number[];
  rows: CompletenessRow[];
}

export interface HistoryItem {
  periodId: string;
  year: number;
  month: number;
  label: string;
  subjectType: string;
  subjectId: string;
  reportId: string | null;
  status: ReportStatus | null;
  timeliness: string;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportChange {
  key: string;
  label: string;
  action: 'create' | 'update' | 'unchanged' | 'remove';
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface ImportReport {
  kind: string;
  dryRun: boolean;
  committed: boolean;
  problems: ImportProblem[];
  changes: ImportChange[];
  summary: { create: number; update: number; unchanged: number; remove: number };
  warnings: unknown[];
}

export interface BulletinSummary {
  id: string;
  quarterKey: string;
  revision: number;
  reason: string | null;
  publishedAt: string;
}

export interface BulletinRow {
  rank: number;
  flags: string[];
  total: string;
  unitName: string;
  subtotals: string[];
  previousRank: number | null;
}

export interface BulletinTier {
  tier: number;
  label: string;
  rows: BulletinRow[];
}

export interface Bulletin extends BulletinSummary {
  snapshot: {
    title: string;
    columns: string[];
    tiers: BulletinTier[];
    lateUnits: { flag: string; late: number; missing: number; unitName: string }[];
    laggingTasks: { flag: string; label: string; actual: string; expected: string; unitName: string }[];
  };
}

export interface InboxMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
  createdAt: string;
}

/** A view as it arrives over HTTP: JSON turns dates into ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
