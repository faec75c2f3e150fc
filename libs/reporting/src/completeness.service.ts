import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { type Actor, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  elapsedShareByMonths,
  expectedCompletion,
  indicatorProgress,
  lagging,
  localDate,
  localDateOf,
} from '@app/domain';
import { PlanAccess, type Milestone } from '@app/plans';
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

export interface LaggingItem {
  kind: 'assignment' | 'indicator';
  unitId: string;
  unitName: string;
  label: string;
  actual: string;
  expected: string;
  gap: string;
  month: number;
}

/** Percentage with two decimals of on-time among expected (pending excluded), or null when none is due. */
function rate(onTime: number, expected: number): string | null {
  return expected === 0
    ? null
    : new Decimal(onTime).div(expected).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Who reported what and when: the completeness matrix, to-do lists, lagging and history. */
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
    const { sql, params } = expectedReportsSql(
      { planIds: [planId], scopePath: this.scopeOf(actor), openedOn: today },
      now,
    );
    params.push(year);
    const rows: {
      unitId: string;
      unitName: string;
      kind: string;
      path: string;
      month: number;
      onTime: number;
      late: number;
      missing: number;
      pending: number;
    }[] = await this.dataSource.query(
      `WITH x AS (${sql})
       SELECT x."unitId", u.short_name AS "unitName", u.kind, u.path, x.month,
              count(*) FILTER (WHERE x.timeliness = 'on_time')::int AS "onTime",
              count(*) FILTER (WHERE x.timeliness = 'late')::int AS late,
              count(*) FILTER (WHERE x.timeliness = 'missing')::int AS missing,
              count(*) FILTER (WHERE x.timeliness = 'pending')::int AS pending
       FROM x JOIN organisation.units u ON u.id = x."unitId"
       WHERE x.year = $${params.length}
       GROUP BY x."unitId", u.short_name, u.kind, u.path, u.sort_order, x.month
       ORDER BY u.sort_order, u.path, x.month`,
      params,
    );
    const units = new Map<string, CompletenessMatrix['rows'][number] & { due: number; ok: number }>();
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
      };
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
      rows: all.map(({ due, ok, ...row }) => ({ ...row, rate: rate(ok, due) })),
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

  /**
   * Assignments whose latest reported completion is behind the time-elapsed expectation (序时进度:
   * milestones where the task has them, else the share of the year elapsed at the month's end), and
   * county indicators whose value to date is behind target × elapsed share. Tolerance: 10 points.
   */
  async lagging(actor: Actor, planId: string, tolerancePoints = 10): Promise<LaggingItem[]> {
    await this.access.readable(actor, planId);
    const scope = this.scopeOf(actor) ?? '';
    const assignments: {
      unitId: string;
      unitName: string;
      label: string;
      completion: string;
      year: number;
      month: number;
      milestones: Milestone[];
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.subject_id) r.unit_id AS "unitId", u.short_name AS "unitName", '任务' || t.number || ' ' || t.title AS label,
              r.completion_percent::text AS completion, rp.year, rp.month, t.milestones
       FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       JOIN plans.assignments a ON a.id = r.subject_id JOIN plans.tasks t ON t.id = a.task_id JOIN organisation.units u ON u.id = r.unit_id
       WHERE r.plan_id = $1 AND r.subject_type = 'assignment' AND r.status IN ('submitted', 'accepted') AND r.completion_percent IS NOT NULL AND u.path LIKE $2
       ORDER BY r.subject_id, rp.year DESC, rp.month DESC`,
      [planId, `${scope}%`],
    );
    const items: LaggingItem[] = [];
    for (const a of assignments) {
      const monthEnd = localDate(new Date(Date.UTC(a.year, a.month, 0)).toISOString().slice(0, 10));
      const expected = expectedCompletion(
        a.milestones.map((m) => ({ dueDate: localDate(m.dueDate), expectedPercent: m.expectedPercent })),
        monthEnd,
      );
      const result = lagging({ actual: a.completion, expected, tolerance: tolerancePoints });
      if (result.isLagging) {
        items.push({
          kind: 'assignment',
          unitId: a.unitId,
          unitName: a.unitName,
          label: a.label,
          actual: new Decimal(a.completion).toFixed(),
          expected: expected.toDecimalPlaces(2).toFixed(),
          gap: result.gap.toDecimalPlaces(2).toFixed(),
          month: a.month,
        });
      }
    }
    const indicators: {
      unitId: string;
      unitName: string;
      name: string;
      direction: 'higher' | 'lower';
      target: string;
      value: string;
      month: number;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (pi.unit_id, pi.indicator_id) pi.unit_id AS "unitId", u.short_name AS "unitName", i.name, i.direction,
              t.value::text AS target, v.value::text AS value, v.month
       FROM plan_indicators pi JOIN plans.indicators i ON i.id = pi.indicator_id AND i.aggregation = 'additive'
       JOIN organisation.units u ON u.id = pi.unit_id
       JOIN plans.targets t ON t.indicator_id = pi.indicator_id AND t.unit_id = pi.unit_id AND t.period = 'year' AND t.kind = 'numeric'
       JOIN plans.indicator_values v ON v.indicator_id = pi.indicator_id AND v.unit_id = pi.unit_id AND v.year = t.year AND v.month > 0 AND v.value IS NOT NULL
       WHERE pi.plan_id = $1 AND u.path LIKE $2
       ORDER BY pi.unit_id, pi.indicator_id, v.year DESC, v.month DESC`,
      [planId, `${scope}%`],
    );
    for (const r of indicators) {
      const share = elapsedShareByMonths(r.month);
      const progress = indicatorProgress({
        valueToDate: r.value,
        annualTarget: r.target,
        elapsedShare: share,
        direction: r.direction,
      });
      if (progress.isBehind && progress.progress.lt(new Decimal(100 - tolerancePoints).div(100))) {
        items.push({
          kind: 'indicator',
          unitId: r.unitId,
          unitName: r.unitName,
          label: r.name,
          actual: new Decimal(r.value).toFixed(),
          expected: progress.expectedToDate.toDecimalPlaces(2).toFixed(),
          gap: progress.expectedToDate.minus(r.value).toDecimalPlaces(2).toFixed(),
          month: r.month,
        });
      }
    }
    return items;
  }
}
