import type { SubmissionStatus } from './entities/assessment.entity.js';

/** Where a unit's self-assessment stands, as the office's review list shows it. */
export const selfAssessmentStates = ['not_started', 'in_progress', 'submitted', 'returned', 'reviewed'] as const;
export type SelfAssessmentState = (typeof selfAssessmentStates)[number];

/**
 * 已审核 once the office has settled every leaf the unit types; before that the submission decides
 * (已提交 / 已退回), and a unit that has not handed in is 填报中 with any value saved, else 未开始.
 */
export function selfAssessmentState(unit: {
  typedLeaves: number;
  selfEntries: number;
  reviewedEntries: number;
  submission: SubmissionStatus | null;
}): SelfAssessmentState {
  if (unit.typedLeaves > 0 && unit.reviewedEntries >= unit.typedLeaves) return 'reviewed';
  if (unit.submission === 'returned') return 'returned';
  if (unit.submission === 'submitted') return 'submitted';
  return unit.selfEntries > 0 ? 'in_progress' : 'not_started';
}
