/** One problem in an uploaded file, pinned to its row and column. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What a commit would do (dry run) or did, per record, keyed by its natural key. */
export interface ImportChange {
  key: string;
  label: string;
  action: 'create' | 'update' | 'unchanged' | 'remove';
  changes: FieldChange[];
}

export interface ImportReport {
  kind: string;
  dryRun: boolean;
  committed: boolean;
  problems: ImportProblem[];
  changes: ImportChange[];
  summary: { create: number; update: number; unchanged: number; remove: number };
  /** Not errors: e.g. county targets that do not add up to the city's. */
  warnings: string[];
}

export function summarise(changes: ImportChange[]): ImportReport['summary'] {
  const summary = { create: 0, update: 0, unchanged: 0, remove: 0 };
  for (const change of changes) summary[change.action]++;
  return summary;
}

/** Compares two flat records field by field (values compared by their JSON text). */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
    }
  }
  return changes;
}
