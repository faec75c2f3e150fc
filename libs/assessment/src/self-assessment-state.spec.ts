import { describe, expect, it } from '@jest/globals';
import { selfAssessmentState } from './self-assessment-state.js';

describe('selfAssessmentState', () => {
  it.each([
    ['nothing saved', { typedLeaves: 4, selfEntries: 0, reviewedEntries: 0, submission: null }, 'not_started'],
    ['some values saved', { typedLeaves: 4, selfEntries: 2, reviewedEntries: 0, submission: null }, 'in_progress'],
    ['handed in', { typedLeaves: 4, selfEntries: 4, reviewedEntries: 0, submission: 'submitted' }, 'submitted'],
    ['handed back', { typedLeaves: 4, selfEntries: 4, reviewedEntries: 0, submission: 'returned' }, 'returned'],
    ['partly reviewed', { typedLeaves: 4, selfEntries: 4, reviewedEntries: 3, submission: 'submitted' }, 'submitted'],
    [
      'every typed leaf reviewed',
      { typedLeaves: 4, selfEntries: 4, reviewedEntries: 4, submission: 'submitted' },
      'reviewed',
    ],
    [
      'reviewed without a submission',
      { typedLeaves: 2, selfEntries: 0, reviewedEntries: 2, submission: null },
      'reviewed',
    ],
    [
      'a scheme with nothing to type',
      { typedLeaves: 0, selfEntries: 0, reviewedEntries: 0, submission: null },
      'not_started',
    ],
  ] as const)('%s', (_name, unit, state) => {
    expect(selfAssessmentState(unit)).toBe(state);
  });
});
