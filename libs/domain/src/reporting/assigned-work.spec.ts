import { describe, expect, it } from '@jest/globals';
import { localDate } from '../calendar/local-date.js';
import { assignedWorkState, isAssignedWorkOverdue, overdueAssignedWorkCount } from './assigned-work.js';

const due = localDate('2023-11-30');
const d = (text: string) => localDate(text);

describe('isAssignedWorkOverdue (逾期 = not closed by the end of the due date)', () => {
  it.each([
    ['open, before the due date', null, d('2023-11-29'), false],
    ['open, on the due date', null, d('2023-11-30'), false],
    ['open, the day after the due date', null, d('2023-12-01'), true],
    ['open, a year later', null, d('2024-11-30'), true],
    ['closed before the due date, judged later', d('2023-11-01'), d('2024-01-20'), false],
    ['closed on the due date', d('2023-11-30'), d('2024-01-20'), false],
    ['closed the day after the due date', d('2023-12-01'), d('2023-12-01'), true],
    ['closed late, judged long after', d('2023-12-20'), d('2024-06-01'), true],
    // A closure recorded "before" today cannot make an on-time item late by the clock moving on.
    ['closed on time, today before the closure date (clock set back)', d('2023-11-20'), d('2023-11-10'), false],
  ])('%s', (_why, closedOn, today, overdue) => {
    expect(isAssignedWorkOverdue({ dueDate: due, closedOn }, today)).toBe(overdue);
  });
});

describe('assignedWorkState', () => {
  it('is open until closed, whatever the date', () => {
    expect(assignedWorkState({ dueDate: due, closedOn: null })).toBe('open');
    expect(assignedWorkState({ dueDate: due, closedOn: d('2023-12-05') })).toBe('closed');
  });
});

describe('overdueAssignedWorkCount (每次扣1分: one per overdue item)', () => {
  it('counts an item closed late once and an item still open past its date once, never an on-time one', () => {
    const today = d('2024-01-20');
    expect(
      overdueAssignedWorkCount(
        [
          { dueDate: due, closedOn: d('2023-12-02') },
          { dueDate: due, closedOn: null },
          { dueDate: due, closedOn: due },
          { dueDate: d('2024-01-31'), closedOn: null },
        ],
        today,
      ),
    ).toBe(2);
    expect(overdueAssignedWorkCount([], today)).toBe(0);
  });
});
