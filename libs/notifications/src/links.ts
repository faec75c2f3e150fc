/**
 * Links inside emails and inbox rows. Each opens a page the web app routes (apps/web/src/main.tsx), through the
 * login page and back when the session has expired; links.spec.ts holds the two lists side by side.
 */
function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

function query(params: Record<string, string | undefined>): string {
  const pairs = Object.entries(params).filter((p): p is [string, string] => p[1] !== undefined);
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}

/** A liaison's to-do list narrowed to one reporting month (and one unit): every report still owed for it. */
export function todoLink(publicUrl: string, periodId: string, unitId?: string): string {
  return `${base(publicUrl)}/todo${query({ period: periodId, unit: unitId })}`;
}

/** The form of one report: unit × item × month. */
export function reportLink(publicUrl: string, periodId: string, subjectType: string, subjectId: string): string {
  return `${base(publicUrl)}/reports/${periodId}/${subjectType}/${subjectId}`;
}

/** A task assignment's open reports: the to-do list narrowed to that item. */
export function assignmentLink(publicUrl: string, assignmentId: string): string {
  return `${base(publicUrl)}/todo${query({ subject: assignmentId })}`;
}

export function inboxLink(publicUrl: string): string {
  return `${base(publicUrl)}/inbox`;
}

/** The office's completeness matrix, or one unit's reporting history, at a month when one is given. */
export function officeOverviewLink(publicUrl: string, periodId?: string, unitId?: string): string {
  return `${base(publicUrl)}/completeness${unitId ? `/${unitId}` : ''}${query({ period: periodId })}`;
}

/** A special fund's page at one tab (execution for monthly figures). */
export function fundLink(publicUrl: string, projectId: string, tab?: string): string {
  return `${base(publicUrl)}/funds/${projectId}${query({ tab })}`;
}

/**
 * A year-end assessment: a unit's self-assessment page (where its liaisons also read the published result and
 * appeal), or the office's and leadership's review page, opened at that assessment (and at one unit's review).
 */
export function yearEndLink(publicUrl: string, page: 'self' | 'review', assessmentId: string, unitId?: string): string {
  return `${base(publicUrl)}/assessment/${page}${query({ assessment: assessmentId, unit: unitId })}`;
}
