import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { type Actor, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { localDateOf } from '@app/domain';
import { assessedCountyJoin, nameWithSubUnits } from '@app/organisation';
import { PlanAccess } from '@app/plans';
import { expectedReports, expectedReportsSql, type ExpectedReport, type Timeliness } from './expected-reports.js';
import { writeCompletenessWorkbook } from './completeness-workbook.js';
import { expectedReportsInItemOrder } from './report-items.js';

export interface CompletenessCell {
  status: Timeliness;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

export interface CompletenessMatrix {
  year: number;
  months: number[];
  rows: {
    unitId: string;
    unitName: string;
    kind: string;
    cells: Record<number, CompletenessCell>;
    rate: string | null;
  }[];
  monthRates: Record<number, string | null>;
  planRate: string | null;
}

export interface TodoItem extends ExpectedReport {
  dueDate: string;
  daysLeft: number;
  returnedReason: string | null;
}

/** Percentage with two decimals of on-time among expected (pending excluded), or null when none is due. */
function rate(onTime: number, expected: number): string | null {
  return expected === 0
    ? null
    : new Decimal(onTime).div(expected).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Who reported what and when: the completeness matrix, to-do lists and history. */
@Injectable()
export class CompletenessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  /** Scope of private report data: the city for office, leaders and admins; one's own subtree otherwise. */
  private scopeOf(actor: Actor): string | undefined {
    return hasRole(actor, 'admin', 'office', 'leader') ? undefined : actor.unitPath;
  }

  /** Units × months coloured on time / late / missing, with rates per unit, month and plan, in one query. */
  async matrix(actor: Actor, planId: string, year: number): Promise<CompletenessMatrix> {
    await this.access.readable(actor, planId);
    const now = this.clock.now();
    const today = localDateOf(now, this.env.APP_TIMEZONE);
    const scope = this.scopeOf(actor);
    const { sql, params } = expectedReportsSql({ planIds: [planId], scopePath: scope, openedOn: today }, now);
    params.push(year, `${scope ?? ''}%`);
    const [yearParam, scopeParam] = [`$${params.length - 1}`, `$${params.length}`];
    // A county's row holds its sub-units' reports too (the roll-up rule), for a reader who sees the whole county.
    const rows: {
      unitId: string;
      unitName: string;
      kind: string;
      month: number;
      onTime: number;
      late: number;
      missing: number;
      pending: number;
      subUnits: string[] | null;
    }[] = await this.dataSource.query(
      `WITH x AS (${sql}),
       placed AS (
         SELECT x.*, CASE WHEN c.path LIKE ${scopeParam} THEN c.id ELSE u.id END AS owner_id, u.short_name AS member_name
         FROM x JOIN organisation.units u ON u.id = x."unitId" ${assessedCountyJoin('u', yearParam, 'c')}
         WHERE x.year = ${yearParam}
       )
       SELECT p.owner_id AS "unitId", o.short_name AS "unitName", o.kind, p.month,
              count(*) FILTER (WHERE p.timeliness = 'on_time')::int AS "onTime",
              count(*) FILTER (WHERE p.timeliness = 'late')::int AS late,
              count(*) FILTER (WHERE p.timeliness = 'missing')::int AS missing,
              count(*) FILTER (WHERE p.timeliness = 'pending')::int AS pending,
              array_agg(DISTINCT p.member_name) FILTER (WHERE p."unitId" <> p.owner_id) AS "subUnits"
       FROM placed p JOIN organisation.units o ON o.id = p.owner_id
       GROUP BY p.owner_id, o.short_name, o.kind, o.path, o.sort_order, p.month
       ORDER BY o.sort_order, o.path, p.month`,
      params,
    );
    const units = new Map<
      string,
      CompletenessMatrix['rows'][number] & { due: number; ok: number; subUnits: string[] }
    >();
    const monthTotals = new Map<number, { due: number; ok: number }>();
    for (const r of rows) {
      const status: Timeliness =
        r.missing > 0 ? 'missing' : r.late > 0 ? 'late' : r.pending > 0 ? 'pending' : 'on_time';
      const unit = units.get(r.unitId) ?? {
        unitId: r.unitId,
        unitName: r.unitName,
        kind: r.kind,
        cells: {},
        rate: null,
        due: 0,
        ok: 0,
        subUnits: [],
      };
      unit.subUnits.push(...(r.subUnits ?? []));
      unit.cells[r.month] = {
        status,
        expected: r.onTime + r.late + r.missing + r.pending,
        onTime: r.onTime,
        late: r.late,
        missing: r.missing,
        pending: r.pending,
      };
      // Per unit and month the unit is on time only when every required report was (附表3-2's rule).
      if (status !== 'pending') {
        unit.due++;
        if (status === 'on_time') unit.ok++;
        const month = monthTotals.get(r.month) ?? { due: 0, ok: 0 };
        month.due++;
        if (status === 'on_time') month.ok++;
        monthTotals.set(r.month, month);
      }
      units.set(r.unitId, unit);
    }
    const all = [...units.values()];
    const months = [...new Set(rows.map((r) => r.month))].sort((a, b) => a - b);
    return {
      year,
      months,
      rows: all.map(({ due, ok, subUnits, ...row }) => ({
        ...row,
        unitName: nameWithSubUnits(row.unitName, subUnits),
        rate: rate(ok, due),
      })),
      monthRates: Object.fromEntries(
        months.map((m) => [m, rate(monthTotals.get(m)?.ok ?? 0, monthTotals.get(m)?.due ?? 0)]),
      ),
      planRate: rate(
        all.reduce((s, u) => s + u.ok, 0),
        all.reduce((s, u) => s + u.due, 0),
      ),
    };
  }

  /** The matrix as an .xlsx workbook, for the same readers and the same scope as the matrix itself. */
  async matrixWorkbook(actor: Actor, planId: string, year: number): Promise<{ filename: string; buffer: Buffer }> {
    const plan = await this.access.readable(actor, planId);
    const matrix = await this.matrix(actor, planId, year);
    const asOf = localDateOf(this.clock.now(), this.env.APP_TIMEZONE);
    const buffer = await writeCompletenessWorkbook(matrix, { title: `${plan.title} 报送情况（${year}年）`, asOf });
    const base = plan.title.replace(/[\\/:*?"<>|]/g, '');
    return { filename: `${base}-报送情况（${year}年）.xlsx`, buffer };
  }

  /** A liaison's to-do: every open or overdue item of their units, returned ones first, then by due date and item. */
  async todo(actor: Actor): Promise<TodoItem[]> {
    const now = this.clock.now();
    const today = localDateOf(now, this.env.APP_TIMEZONE);
    const items = (
      await expectedReportsInItemOrder(this.dataSource.manager, { scopePath: actor.unitPath, openedOn: today }, now)
    ).filter((e) => e.outstanding);
    if (items.length === 0) return [];
    const periods: { id: string; dueDate: string }[] = await this.dataSource.query(
      `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM reporting_periods WHERE id = ANY($1)`,
      [[...new Set(items.map((i) => i.periodId))]],
    );
    const returned: { id: string; returnedReason: string | null }[] = await this.dataSource.query(
      `SELECT id, returned_reason AS "returnedReason" FROM reports WHERE id = ANY($1)`,
      [items.map((i) => i.reportId).filter(Boolean)],
    );
    const dueDates = new Map(periods.map((p) => [p.id, p.dueDate]));
    const reasons = new Map(returned.map((r) => [r.id, r.returnedReason]));
    const dayMs = 86_400_000;
    return (
      items
        .map((i) => ({
          ...i,
          dueDate: dueDates.get(i.periodId)!,
          daysLeft: Math.round(
            (Date.parse(`${dueDates.get(i.periodId)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs,
          ),
          returnedReason: i.reportId ? (reasons.get(i.reportId) ?? null) : null,
        }))
        // Stable: within a day the statement's order (unit, then item by number) stands.
        .sort((a, b) => Number(b.status === 'returned') - Number(a.status === 'returned') || a.daysLeft - b.daysLeft)
    );
  }

  /** Everything still outstanding in a plan (optionally one period), for the office. */
  async outstanding(actor: Actor, planId: string, periodId?: string): Promise<ExpectedReport[]> {
    await this.access.readable(actor, planId);
    const now = this.clock.now();
    const rows = await expectedReports(
      this.dataSource.manager,
      {
        planIds: [planId],
        periodIds: periodId ? [periodId] : undefined,
        scopePath: this.scopeOf(actor),
        openedOn: localDateOf(now, this.env.APP_TIMEZONE),
      },
      now,
    );
    return rows.filter((r) => r.outstanding);
  }

  /** One unit's reports month by month, tasks by number. */
  async history(actor: Actor, planId: string, unitId: string): Promise<ExpectedReport[]> {
    await this.access.readable(actor, planId);
    const now = this.clock.now();
    return expectedReportsInItemOrder(
      this.dataSource.manager,
      {
        planIds: [planId],
        unitIds: [unitId],
        scopePath: this.scopeOf(actor),
        openedOn: localDateOf(now, this.env.APP_TIMEZONE),
      },
      now,
    );
  }
}
