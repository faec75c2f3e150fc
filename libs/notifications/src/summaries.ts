/** Counting expected reports for the office's digests. Pure. */

export interface ExpectedRow {
  periodId: string;
  unitId: string;
  outstanding: boolean;
}

export interface OverdueSummary {
  expected: number;
  /** Units owing something, in the order the rows came (the registry's tree order), with how much. */
  units: { unitId: string; unitName: string; outstanding: number }[];
}

export function overdueSummary(rows: readonly ExpectedRow[], unitNames: ReadonlyMap<string, string>): OverdueSummary {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.outstanding) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1);
  return {
    expected: rows.length,
    units: [...counts].map(([unitId, outstanding]) => ({ unitId, unitName: unitNames.get(unitId) ?? '', outstanding })),
  };
}

export interface PeriodProgress {
  expected: number;
  submitted: number;
  outstanding: number;
  /** Names of units owing something once the deadline has passed (empty before it). */
  overdueUnits: string[];
}

export function periodProgress(
  rows: readonly ExpectedRow[],
  deadline: Date,
  now: Date,
  unitNames: ReadonlyMap<string, string>,
): PeriodProgress {
  const outstanding = rows.filter((r) => r.outstanding);
  const overdue =
    now.getTime() > deadline.getTime()
      ? [...new Set(outstanding.map((r) => r.unitId))].map((id) => unitNames.get(id) ?? '')
      : [];
  return {
    expected: rows.length,
    submitted: rows.length - outstanding.length,
    outstanding: outstanding.length,
    overdueUnits: overdue,
  };
}
