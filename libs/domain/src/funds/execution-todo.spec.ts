import { describe, expect, it } from '@jest/globals';
import { localDate } from '../calendar/index.js';
import { type FundExecutionCoverage, fundExecutionTodos, lastClosedMonth } from './execution-todo.js';

const fund = (over: Partial<FundExecutionCoverage> = {}): FundExecutionCoverage => ({
  projectId: 'p1',
  projectName: '市级科技发展专项资金',
  unitId: 'u1',
  unitName: '市科技局',
  year: 2023,
  subItems: 5,
  recorded: {},
  ...over,
});

const months = (items: { year: number; month: number }[]) => items.map((i) => `${i.year}-${i.month}`);

describe('fund execution to-do', () => {
  it('asks for every month from January to the last ended one, due on the 10th of the next month', () => {
    const items = fundExecutionTodos([fund()], localDate('2023-04-10'));
    expect(items.map((i) => [i.label, i.dueDate, i.daysLeft, i.overdue])).toEqual([
      ['专项资金执行填报：市级科技发展专项资金 2023年1月', '2023-02-10', -59, true],
      ['专项资金执行填报：市级科技发展专项资金 2023年2月', '2023-03-10', -31, true],
      // Due today: not yet overdue.
      ['专项资金执行填报：市级科技发展专项资金 2023年3月', '2023-04-10', 0, false],
    ]);
    expect(fundExecutionTodos([fund()], localDate('2023-04-11')).at(-1)).toMatchObject({ month: 3, overdue: true });
  });

  it('leaves out a month once every sub-item has its record, and counts the sub-items still missing', () => {
    const items = fundExecutionTodos(
      [fund({ recorded: { '2023-01': 5, '2023-02': 3, '2023-04': 5 } })],
      localDate('2023-04-10'),
    );
    expect(items.map((i) => [i.month, i.missingSubItems])).toEqual([
      [2, 2],
      [3, 5],
    ]);
  });

  it('asks nothing of the running month, of a fund without sub-items, or of another budget year', () => {
    expect(fundExecutionTodos([fund()], localDate('2023-01-31'))).toEqual([]);
    expect(fundExecutionTodos([fund({ subItems: 0 })], localDate('2023-04-10'))).toEqual([]);
    expect(fundExecutionTodos([fund({ year: 2022 }), fund({ year: 2024 })], localDate('2023-04-10'))).toEqual([]);
  });

  it('in January still asks for last year’s December, due on 10 January', () => {
    const recorded = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`2022-${String(i + 1).padStart(2, '0')}`, 5]),
    );
    const items = fundExecutionTodos(
      [fund({ year: 2022, recorded }), fund({ projectId: 'p2' })],
      localDate('2023-01-05'),
    );
    expect(months(items)).toEqual(['2022-12']);
    expect(items[0]).toMatchObject({ projectId: 'p1', dueDate: '2023-01-10', daysLeft: 5, overdue: false });
    expect(lastClosedMonth(localDate('2023-01-05'))).toEqual({ year: 2022, month: 12 });
  });

  it('orders by due date, then by fund name', () => {
    const items = fundExecutionTodos(
      [
        fund({ projectId: 'b', projectName: '乙专项' }),
        fund({ projectId: 'a', projectName: '甲专项', recorded: { '2023-01': 5 } }),
      ],
      localDate('2023-03-01'),
    );
    expect(items.map((i) => `${i.projectId}${i.month}`)).toEqual(['b1', 'a2', 'b2']);
  });
});
