import type { EntityManager } from 'typeorm';
import { Report, ReportingPeriod, ReportStatus, SubjectType } from '@app/reporting';
import { count, rows } from './sql.js';
import type { Db } from './sql.js';

/** The plan's period of one month, due on the 6th of the next at 17:00 Shanghai unless told otherwise. */
export async function aReportingPeriod(
  m: EntityManager,
  plan: { id: string },
  month: { year: number; month: number },
  fields: Partial<ReportingPeriod> = {},
): Promise<ReportingPeriod> {
  const due = new Date(Date.UTC(month.year, month.month, 6)).toISOString().slice(0, 10);
  return m.getRepository(ReportingPeriod).save({
    planId: plan.id,
    ...month,
    opensOn: `${month.year}-${String(month.month).padStart(2, '0')}-01`,
    dueDate: due,
    deadline: new Date(`${due}T17:00:00+08:00`),
    ...fields,
  });
}

/** The report about an assignment in a period, submitted at `submittedAt` (a draft when null). */
export async function anAssignmentReport(
  m: EntityManager,
  period: { id: string; planId: string },
  assignment: { id: string; unitId: string },
  submittedAt: Date | null,
): Promise<Report> {
  return m.getRepository(Report).save({
    periodId: period.id,
    planId: period.planId,
    unitId: assignment.unitId,
    subjectType: SubjectType.Assignment,
    subjectId: assignment.id,
    status: submittedAt ? ReportStatus.Submitted : ReportStatus.Draft,
    firstSubmittedAt: submittedAt,
    submittedAt,
    late: submittedAt ? false : null,
  });
}

/** An assignment of the unit (by code) with no report yet in the period, the first by id. */
export async function unreportedAssignmentOf(db: Db, unitCode: string, periodId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(
    db,
    `SELECT a.id FROM assignments a JOIN units u ON u.id = a.unit_id WHERE u.code = $1
     AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.subject_id = a.id AND r.period_id = $2) ORDER BY a.id LIMIT 1`,
    [unitCode, periodId],
  );
  if (!found) throw new Error(`no unreported assignment of ${unitCode} in period ${periodId}`);
  return found.id;
}

/** Every report of every plan, whatever its state. */
export async function reportCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM reports`);
}

/** Reports of a plan in one status. */
export async function reportsInStatus(db: Db, planId: string, status: string): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM reports WHERE plan_id = $1 AND status = $2`, [planId, status]);
}

/** A submitted report of the unit (by code), any of them. */
export async function aSubmittedReportOf(db: Db, unitCode: string): Promise<string> {
  const [found] = await rows<{ id: string }>(
    db,
    `SELECT r.id FROM reports r JOIN units u ON u.id = r.unit_id WHERE u.code = $1 AND r.status = 'submitted' LIMIT 1`,
    [unitCode],
  );
  if (!found) throw new Error(`no submitted report of ${unitCode}`);
  return found.id;
}

/** The texts and version of a report, as stored. */
export async function reportTexts(
  db: Db,
  reportId: string,
): Promise<{ narrative: string | null; problems: string | null; version: number }[]> {
  return rows(db, `SELECT narrative, problems, version FROM reports WHERE id = $1`, [reportId]);
}

/** Every evidence file of every report. */
export async function evidenceCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM report_evidence`);
}

/** The hashes of the evidence linked to a report, sorted. */
export async function evidenceOf(db: Db, reportId: string): Promise<string[]> {
  const found = await rows<{ sha256: string }>(
    db,
    `SELECT sha256 FROM report_evidence WHERE report_id = $1 ORDER BY sha256`,
    [reportId],
  );
  return found.map((r) => r.sha256);
}

/** Which of `hashes` have an evidence file row. */
export async function storedEvidence(db: Db, hashes: readonly string[]): Promise<string[]> {
  const found = await rows<{ sha256: string }>(db, `SELECT sha256 FROM evidence_files WHERE sha256 = ANY ($1)`, [
    hashes,
  ]);
  return found.map((r) => r.sha256);
}

/** Links a stored file to a report as the user (by login) would, bypassing the API (inside the caller's transaction). */
export async function linkEvidence(
  db: Db,
  link: { reportId: string; sha256: string; filename: string; username: string },
): Promise<void> {
  await db.query(
    `INSERT INTO report_evidence (report_id, sha256, filename, uploaded_by_user_id, uploaded_at)
     SELECT $1, $2, $3, id, now() FROM users WHERE username = $4`,
    [link.reportId, link.sha256, link.filename, link.username],
  );
}

/** Opens (or moves) the plan's period of one month, with its due date and deadline. */
export async function aPeriod(
  db: Db,
  period: { planId: string; year: number; month: number; opensOn: string; dueDate: string; deadline: string },
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    db,
    `INSERT INTO reporting_periods (plan_id, year, month, opens_on, due_date, deadline) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (plan_id, year, month) DO UPDATE SET due_date = EXCLUDED.due_date, deadline = EXCLUDED.deadline RETURNING id`,
    [period.planId, period.year, period.month, period.opensOn, period.dueDate, period.deadline],
  );
  return id;
}

/** Turns every report of the period back into an unsubmitted draft. */
export async function unsubmitAll(db: Db, periodId: string): Promise<void> {
  await db.query(
    `UPDATE reports SET status = 'draft', first_submitted_at = NULL, submitted_at = NULL, late = NULL WHERE period_id = $1`,
    [periodId],
  );
}

/** Months of the plan in which the unit reported late at least once. */
export async function monthsReportedLate(db: Db, planId: string, unitId: string): Promise<number> {
  return count(
    db,
    `SELECT count(DISTINCT rp.month)::int AS n FROM reporting_periods rp JOIN reports r ON r.period_id = rp.id
     WHERE rp.plan_id = $1 AND r.unit_id = $2 AND r.late`,
    [planId, unitId],
  );
}

/** The latest completion an assignment reported by `month` (submitted or accepted reports), and its month. */
export async function latestCompletion(
  db: Db,
  assignmentId: string,
  year: number,
  month: number,
): Promise<{ completion: string; month: number } | null> {
  const [found] = await rows<{ completion: string; month: number }>(
    db,
    `SELECT r.completion_percent::text AS completion, rp.month FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
     WHERE r.subject_id = $1 AND r.status IN ('submitted', 'accepted') AND rp.year = $2 AND rp.month <= $3
     ORDER BY rp.month DESC LIMIT 1`,
    [assignmentId, year, month],
  );
  return found ?? null;
}

/** The report about a subject for one month of a year. */
export async function reportAbout(db: Db, subjectId: string, year: number, month: number): Promise<string> {
  const [found] = await rows<{ id: string }>(
    db,
    `SELECT r.id FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
     WHERE r.subject_id = $1 AND rp.year = $2 AND rp.month = $3`,
    [subjectId, year, month],
  );
  if (!found) throw new Error(`no report about ${subjectId} for ${year}-${month}`);
  return found.id;
}

/** The reports of one month about one assignment: one, unless a duplicate slipped in. */
export async function reportsAboutAssignment(db: Db, periodId: string, subjectId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    `SELECT id FROM reports WHERE period_id = $1 AND subject_type = 'assignment' AND subject_id = $2`,
    [periodId, subjectId],
  );
  return found.map((r) => r.id);
}

/** Puts a report in a review state directly, with the return reason a returned one carries. */
export async function setReportStatus(
  db: Db,
  reportId: string,
  status: 'returned' | 'accepted',
  reason: string | null = null,
): Promise<void> {
  await db.query(`UPDATE reports SET status = $2, returned_reason = $3 WHERE id = $1`, [reportId, status, reason]);
}

/** Submits, on time, the reports of these assignments in the period (creating those not there yet). */
export async function submitOnTime(
  db: Db,
  report: { periodId: string; planId: string; assignmentIds: readonly string[]; at: string },
): Promise<void> {
  await db.query(
    `INSERT INTO reports (period_id, plan_id, unit_id, subject_type, subject_id, status, first_submitted_at, submitted_at, late, updated_at)
     SELECT $1, $2, a.unit_id, 'assignment', a.id, 'submitted', $4, $4, false, $4 FROM assignments a WHERE a.id = ANY ($3::uuid[])
     ON CONFLICT (period_id, subject_type, subject_id) DO UPDATE SET status = 'submitted', first_submitted_at = EXCLUDED.first_submitted_at,
       submitted_at = EXCLUDED.submitted_at, late = false`,
    [report.periodId, report.planId, report.assignmentIds, report.at],
  );
}

/** Moves the due date and deadline of the plan's period of one month, if it has one. */
export async function moveDeadline(
  db: Db,
  period: { planId: string; year: number; month: number; dueDate: string; deadline: string },
): Promise<void> {
  await db.query(
    `UPDATE reporting_periods SET due_date = $4, deadline = $5 WHERE plan_id = $1 AND year = $2 AND month = $3`,
    [period.planId, period.year, period.month, period.dueDate, period.deadline],
  );
}

/** The ids of every period of a plan. */
export async function periodsOfPlan(db: Db, planId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(db, `SELECT id FROM reporting_periods WHERE plan_id = $1`, [planId]);
  return found.map((r) => r.id);
}

/** A reporting period of a plan of the city, any of them. */
export async function aPeriodOfCity(db: Db, cityId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(
    db,
    `SELECT rp.id FROM reporting_periods rp JOIN plans p ON p.id = rp.plan_id WHERE p.city_id = $1 LIMIT 1`,
    [cityId],
  );
  if (!found) throw new Error(`no reporting period of city ${cityId}`);
  return found.id;
}

/** Submitted reports of the unit (by code) with their versions, the first `limit` by id. */
export async function submittedReportsOf(
  db: Db,
  unitCode: string,
  limit: number,
): Promise<{ id: string; version: number }[]> {
  return rows(
    db,
    `SELECT r.id, r.version FROM reports r JOIN units u ON u.id = r.unit_id
     WHERE u.code = $1 AND r.status = 'submitted' ORDER BY r.id LIMIT $2`,
    [unitCode, limit],
  );
}

/** The stored status of each report, by id. */
export async function statusesOf(db: Db, ids: readonly string[]): Promise<Record<string, string>> {
  const found = await rows<{ id: string; status: string }>(db, `SELECT id, status FROM reports WHERE id = ANY($1)`, [
    ids,
  ]);
  return Object.fromEntries(found.map((r) => [r.id, r.status]));
}

/** Months up to June 2023 a unit (by code) has not reported for an assignment yet, as report keys. */
export async function unreportedAssignments(
  db: Db,
  unitCode: string,
  limit: number,
): Promise<{ periodId: string; subjectType: 'assignment'; subjectId: string }[]> {
  const found = await rows<{ period_id: string; assignment_id: string }>(
    db,
    `SELECT p.id AS period_id, a.id AS assignment_id
       FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id
       JOIN reporting_periods p ON p.plan_id = t.plan_id AND p.year = 2023 AND p.month <= 6
      WHERE u.code = $1 AND a.active
        AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.subject_id = a.id AND r.period_id = p.id)
      ORDER BY p.month, a.id LIMIT $2`,
    [unitCode, limit],
  );
  return found.map((r) => ({ periodId: r.period_id, subjectType: 'assignment', subjectId: r.assignment_id }));
}

/** Each of these reports' status, by id. */
export async function reportStatuses(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await rows<{ id: string; status: string }>(db, `SELECT id, status FROM reports WHERE id = ANY($1)`, [
    [...ids],
  ]);
  return new Map(found.map((r) => [r.id, r.status]));
}
