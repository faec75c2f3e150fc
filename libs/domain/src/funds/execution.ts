import { Decimal } from 'decimal.js';

/** One sub-item's budget (万元). */
export interface SubItemBudget {
  id: string;
  name: string;
  budget: Decimal.Value;
  /** Planned spending by 30 June (半年计划执行数). */
  halfYearPlan: Decimal.Value;
}

/** One month's money on one sub-item (万元); month is YYYY-MM. */
export interface ExecutionRecord {
  subItemId: string;
  month: string;
  received: Decimal.Value;
  spent: Decimal.Value;
  advanceReason?: string | null;
}

export interface ExecutionStatus {
  budget: string;
  halfYearPlan: string;
  received: string;
  spent: string;
  /** 资金到位率 = received ÷ budget, percent with 2 decimals; null when the budget is 0. */
  fundingRate: string | null;
  /** 预算执行率 = spent ÷ received, percent with 2 decimals; null when nothing was received. */
  executionRate: string | null;
  /** What the plan expects spent by the month (序时进度), 万元. */
  expectedSpent: string;
  /** spent ÷ expected, percent; null when nothing is expected yet. */
  paceRate: string | null;
  /** Spending is behind the time-elapsed plan. */
  lagging: boolean;
}

export interface SubItemExecution extends ExecutionStatus {
  subItemId: string;
  name: string;
}

export interface ExecutionSummary {
  asOf: string;
  /** Share of the year elapsed at the end of `asOf`, percent. */
  elapsedShare: string;
  total: ExecutionStatus;
  subItems: SubItemExecution[];
}

const HUNDRED = new Decimal(100);

function percent(part: Decimal, whole: Decimal): string | null {
  return whole.isZero() ? null : part.div(whole).times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/**
 * What should be spent by the end of a month: the half-year plan spread evenly over January–June,
 * then the rest of the budget spread over July–December.
 */
export function expectedSpending(budget: Decimal.Value, halfYearPlan: Decimal.Value, month: number): Decimal {
  const b = new Decimal(budget);
  const h = Decimal.min(new Decimal(halfYearPlan), b);
  if (month <= 0) return new Decimal(0);
  if (month <= 6) return h.times(month).div(6);
  return h.plus(
    b
      .minus(h)
      .times(Math.min(month, 12) - 6)
      .div(6),
  );
}

function status(
  budget: Decimal,
  halfYearPlan: Decimal,
  received: Decimal,
  spent: Decimal,
  month: number,
): ExecutionStatus {
  const expected = expectedSpending(budget, halfYearPlan, month);
  return {
    budget: budget.toFixed(2),
    halfYearPlan: halfYearPlan.toFixed(2),
    received: received.toFixed(2),
    spent: spent.toFixed(2),
    fundingRate: percent(received, budget),
    executionRate: percent(spent, received),
    expectedSpent: expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    paceRate: percent(spent, expected),
    lagging: spent.lt(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
  };
}

/**
 * Execution of a fund's sub-items up to and including `asOf` (YYYY-MM) of the budget year:
 * money received and spent so far, 资金到位率 and 预算执行率, and whether spending lags the
 * time-elapsed plan (序时进度). Records after `asOf` are ignored.
 */
export function summariseExecution(
  subItems: readonly SubItemBudget[],
  records: readonly ExecutionRecord[],
  asOf: string,
): ExecutionSummary {
  const month = Number(asOf.slice(5, 7));
  const sums = new Map<string, { received: Decimal; spent: Decimal }>();
  for (const r of records) {
    if (r.month > asOf) continue;
    const sum = sums.get(r.subItemId) ?? { received: new Decimal(0), spent: new Decimal(0) };
    sums.set(r.subItemId, { received: sum.received.plus(r.received), spent: sum.spent.plus(r.spent) });
  }
  const totals = { budget: new Decimal(0), half: new Decimal(0), received: new Decimal(0), spent: new Decimal(0) };
  const rows = subItems.map((item) => {
    const sum = sums.get(item.id) ?? { received: new Decimal(0), spent: new Decimal(0) };
    const budget = new Decimal(item.budget);
    const half = new Decimal(item.halfYearPlan);
    totals.budget = totals.budget.plus(budget);
    totals.half = totals.half.plus(half);
    totals.received = totals.received.plus(sum.received);
    totals.spent = totals.spent.plus(sum.spent);
    return { subItemId: item.id, name: item.name, ...status(budget, half, sum.received, sum.spent, month) };
  });
  return {
    asOf,
    elapsedShare: new Decimal(Math.min(Math.max(month, 0), 12))
      .div(12)
      .times(HUNDRED)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      .toFixed(2),
    total: status(totals.budget, totals.half, totals.received, totals.spent, month),
    subItems: rows,
  };
}

/**
 * Months in which a sub-item's cumulative spending exceeds the money it has received without a
 * stated advance (垫付说明): such a record is refused unless it says why.
 */
export function unexplainedOverspending(
  records: readonly ExecutionRecord[],
): { subItemId: string; month: string; received: string; spent: string }[] {
  const bySubItem = new Map<string, ExecutionRecord[]>();
  for (const r of records) bySubItem.set(r.subItemId, [...(bySubItem.get(r.subItemId) ?? []), r]);
  const found: { subItemId: string; month: string; received: string; spent: string }[] = [];
  for (const [subItemId, list] of bySubItem) {
    let received = new Decimal(0);
    let spent = new Decimal(0);
    for (const r of [...list].sort((a, b) => a.month.localeCompare(b.month))) {
      received = received.plus(r.received);
      spent = spent.plus(r.spent);
      if (spent.gt(received) && !r.advanceReason?.trim())
        found.push({ subItemId, month: r.month, received: received.toFixed(2), spent: spent.toFixed(2) });
    }
  }
  return found;
}
