import { daysBetween, localDate, localDateFromParts, type LocalDate } from '../calendar/index.js';

/**
 * A month's execution figures (资金到位与支出) are due by this day of the following month: the fund
 * lag reminder judges the month on the same day, so a figure entered later is one it did not see.
 */
export const FUND_EXECUTION_DUE_DAY = 10;

/** One budget project as the to-do rule needs it: how many sub-items it has and how many each month covers. */
export interface FundExecutionCoverage {
  projectId: string;
  projectName: string;
  unitId: string;
  unitName: string;
  /** The budget year. */
  year: number;
  subItems: number;
  /** 'YYYY-MM' → sub-items with a record for that month. */
  recorded: Readonly<Record<string, number>>;
}

/** One month of one fund whose execution the owning department still has to enter. */
export interface FundExecutionTodo {
  projectId: string;
  projectName: string;
  unitId: string;
  unitName: string;
  year: number;
  /** 1–12. */
  month: number;
  /** '专项资金执行填报：<项目> 2023年3月'. */
  label: string;
  /** Sub-items of the month without a record. */
  missingSubItems: number;
  dueDate: LocalDate;
  /** Days from today to the due date; negative once overdue. */
  daysLeft: number;
  overdue: boolean;
}

/** The last month that has ended on `today`, as { year, month }. */
export function lastClosedMonth(today: LocalDate): { year: number; month: number } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
}

/**
 * 专项资金执行填报 to-do items. The rule: take the budget year of the last month that has ended
 * (in January that is last year, so December's figures are still asked for); for every project of
 * that year with at least one sub-item, each month from January to that last ended month is an item
 * unless every sub-item has a record for it (a month with no money moving is entered as 0). An item
 * is due on the FUND_EXECUTION_DUE_DAY of the following month and overdue the day after. A project
 * without sub-items cannot take records yet, so it asks for nothing. Oldest months first.
 */
export function fundExecutionTodos(projects: readonly FundExecutionCoverage[], today: LocalDate): FundExecutionTodo[] {
  const last = lastClosedMonth(today);
  const items: FundExecutionTodo[] = [];
  for (const p of projects) {
    if (p.year !== last.year || p.subItems <= 0) continue;
    for (let month = 1; month <= last.month; month++) {
      const key = `${p.year}-${String(month).padStart(2, '0')}`;
      const missing = p.subItems - Math.min(p.subItems, p.recorded[key] ?? 0);
      if (missing === 0) continue;
      const dueDate =
        month === 12
          ? localDateFromParts(p.year + 1, 1, FUND_EXECUTION_DUE_DAY)
          : localDateFromParts(p.year, month + 1, FUND_EXECUTION_DUE_DAY);
      const daysLeft = daysBetween(localDate(today), dueDate);
      items.push({
        projectId: p.projectId,
        projectName: p.projectName,
        unitId: p.unitId,
        unitName: p.unitName,
        year: p.year,
        month,
        label: `专项资金执行填报：${p.projectName} ${p.year}年${month}月`,
        missingSubItems: missing,
        dueDate,
        daysLeft,
        overdue: daysLeft < 0,
      });
    }
  }
  return items.sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.projectName.localeCompare(b.projectName, 'zh-CN'),
  );
}
