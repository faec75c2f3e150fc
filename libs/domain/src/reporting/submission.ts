/** Whether a submission is 迟报. */

export interface SubmittedBefore {
  firstSubmittedAt: Date | null;
  late: boolean | null;
}

/**
 * Would submitting at `at` mark the report late? Lateness is stamped at the first submission (after the deadline;
 * exactly at it is on time) and kept when a returned report is resubmitted, so a report already submitted once keeps
 * its own flag whatever the hour.
 */
export function lateIfSubmittedAt(report: SubmittedBefore | null, deadline: Date, at: Date): boolean {
  if (report?.firstSubmittedAt) return report.late === true;
  return at.getTime() > deadline.getTime();
}
