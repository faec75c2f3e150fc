import { describe, expect, it } from '@jest/globals';
import { lateIfSubmittedAt } from './submission.js';

const deadline = new Date('2023-05-05T17:00:00+08:00');
const before = new Date('2023-05-05T16:59:59+08:00');
const after = new Date('2023-05-05T17:00:01+08:00');

describe('lateIfSubmittedAt (迟报 is stamped at the first submission)', () => {
  it.each([
    ['never submitted, before the deadline', null, before, false],
    ['never submitted, exactly at the deadline', null, deadline, false],
    ['never submitted, after the deadline', null, after, true],
    ['a draft never submitted, after the deadline', { firstSubmittedAt: null, late: false }, after, true],
    [
      'returned after an on-time first submission, resubmitted late',
      { firstSubmittedAt: before, late: false },
      after,
      false,
    ],
    ['returned after a late first submission', { firstSubmittedAt: after, late: true }, after, true],
  ])('%s', (_why, report, at, late) => {
    expect(lateIfSubmittedAt(report, deadline, at)).toBe(late);
  });
});
