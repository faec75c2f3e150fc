/** Links inside emails and inbox rows; the web app serves these paths. */
function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** The unit's page of a reporting month: every report it owes, with their status. */
export function periodLink(publicUrl: string, periodId: string, unitId?: string): string {
  return `${base(publicUrl)}/reporting/periods/${periodId}${unitId ? `?unit=${unitId}` : ''}`;
}

/** One report to fill in: /reporting/periods/:periodId/:subjectType/:subjectId */
export function reportLink(publicUrl: string, periodId: string, subjectType: string, subjectId: string): string {
  return `${base(publicUrl)}/reporting/periods/${periodId}/${subjectType}/${subjectId}`;
}

export function assignmentLink(publicUrl: string, planId: string, assignmentId: string): string {
  return `${base(publicUrl)}/plans/${planId}/assignments/${assignmentId}`;
}

export function inboxLink(publicUrl: string): string {
  return `${base(publicUrl)}/inbox`;
}

export function officeOverviewLink(publicUrl: string, periodId?: string): string {
  return periodId ? `${base(publicUrl)}/reporting/periods/${periodId}/overview` : `${base(publicUrl)}/reporting`;
}
