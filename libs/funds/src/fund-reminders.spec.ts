import { describe, expect, it } from '@jest/globals';
import { laggingFunds } from './fund-reminders.service.js';

const row = (spent: string, received = '1200') => ({
  projectId: 'p',
  projectName: '科技创新券',
  cityId: 'c',
  unitId: 'u',
  unitName: '市科技局',
  budget: '1200',
  halfYearPlan: '600',
  received,
  spent,
});

describe('laggingFunds', () => {
  it.each([
    [3, '299.99', true],
    [3, '300', false],
    [6, '599', true],
    [9, '900.00', false],
    [12, '1199.99', true],
  ])('month %i, spent %s → lagging %s', (month, spent, lagging) => {
    expect(laggingFunds([row(spent)], month).length > 0).toBe(lagging);
  });

  it('states the expected spending and the execution rate of what was received', () => {
    expect(laggingFunds([row('450', '900')], 6)[0]).toMatchObject({
      spent: '450.00',
      expectedSpent: '600.00',
      executionRate: '50.00',
      budget: '1200.00',
    });
    expect(laggingFunds([row('0', '0')], 6)[0]!.executionRate).toBeNull();
  });
});
