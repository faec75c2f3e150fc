import { describe, expect, it } from '@jest/globals';
import { expectedSpending, summariseExecution, unexplainedOverspending } from './execution.js';

const items = [
  { id: 'a', name: '科技重大专项', budget: '1200.00', halfYearPlan: '600.00' },
  { id: 'b', name: '创新引导计划', budget: '300.00', halfYearPlan: '60.00' },
];

describe('expectedSpending (序时进度)', () => {
  it.each([
    [0, '0'],
    [3, '300'],
    [6, '600'],
    [9, '900'],
    [12, '1200'],
    [14, '1200'],
  ])('month %i of a 1200 budget with 600 by June → %s', (month, expected) => {
    expect(expectedSpending('1200', '600', month).toFixed()).toBe(expected);
  });

  it('caps the half-year plan at the budget', () => {
    expect(expectedSpending('100', '150', 6).toFixed()).toBe('100');
  });
});

describe('summariseExecution', () => {
  const records = [
    { subItemId: 'a', month: '2023-01', received: '400', spent: '100' },
    { subItemId: 'a', month: '2023-03', received: '200', spent: '250.5' },
    { subItemId: 'b', month: '2023-02', received: '300', spent: '10' },
    { subItemId: 'a', month: '2023-07', received: '600', spent: '600' },
  ];

  it('sums received and spent up to the month and computes both rates', () => {
    const s = summariseExecution(items, records, '2023-03');
    expect(s.elapsedShare).toBe('25.00');
    expect(s.subItems[0]).toMatchObject({
      received: '600.00',
      spent: '350.50',
      fundingRate: '50.00',
      executionRate: '58.42',
      expectedSpent: '300.00',
      lagging: false,
    });
    expect(s.subItems[1]).toMatchObject({
      received: '300.00',
      spent: '10.00',
      fundingRate: '100.00',
      executionRate: '3.33',
      expectedSpent: '30.00',
      lagging: true,
    });
    expect(s.total).toMatchObject({
      budget: '1500.00',
      received: '900.00',
      spent: '360.50',
      fundingRate: '60.00',
      executionRate: '40.06',
      expectedSpent: '330.00',
      lagging: false,
    });
  });

  it('gives no rate where the denominator is zero', () => {
    const s = summariseExecution([{ id: 'z', name: '空', budget: '0', halfYearPlan: '0' }], [], '2023-01');
    expect(s.total).toMatchObject({ fundingRate: null, executionRate: null, paceRate: null, lagging: false });
  });
});

describe('unexplainedOverspending', () => {
  it('finds months where spending ran ahead of receipts without a reason', () => {
    expect(
      unexplainedOverspending([
        { subItemId: 'a', month: '2023-02', received: '0', spent: '50' },
        { subItemId: 'a', month: '2023-01', received: '100', spent: '40' },
        { subItemId: 'b', month: '2023-01', received: '0', spent: '5', advanceReason: '年初垫付' },
      ]),
    ).toEqual([]);
    expect(
      unexplainedOverspending([
        { subItemId: 'a', month: '2023-01', received: '100', spent: '40' },
        { subItemId: 'a', month: '2023-02', received: '0', spent: '70.01' },
      ]),
    ).toEqual([{ subItemId: 'a', month: '2023-02', received: '100.00', spent: '110.01' }]);
  });
});
