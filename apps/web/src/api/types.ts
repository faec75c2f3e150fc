// The API's shapes as the pages name them, all taken from the generated OpenAPI schema (never copied by hand).
import type { components, paths } from './schema';

type Schemas = components['schemas'];
/** The query parameters a list takes. */
type ListQuery<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type ProgressStatus = Schemas['ProgressStatus'];
export type ReportStatus = Schemas['ReportStatus'];
export type Timeliness = Schemas['Timeliness'];

export type Plan = Schemas['Plan'];
export type PlanPage = Schemas['PlanPage'];
export type PlanStatus = Schemas['PlanStatus'];
export type ReportingPeriod = Schemas['ReportingPeriod'];
export type TodoItem = Schemas['TodoItem'];
/** One report with its period, evidence and values (GET /api/reports/{id}). */
export type ReportView = Schemas['ReportView'];
/** A report as the lists carry it (GET /api/reports). */
export type ReportRow = Schemas['ReportRow'];
export type ReportRowPage = Schemas['ReportRowPage'];
export type Evidence = ReportView['evidence'][number];
export type ExpectedReport = Schemas['ExpectedReport'];

export type CompletenessMatrix = Schemas['CompletenessMatrix'];
export type CompletenessRow = CompletenessMatrix['rows'][number];
export type CompletenessCell = Schemas['CompletenessCell'];

export type ImportProblem = Schemas['ImportProblem'];
export type ImportChange = Schemas['ImportChange'];
export type ImportReport = Schemas['ImportReport'];

export type BulletinSummary = Schemas['BulletinSummary'];
export type Bulletin = Schemas['StoredBulletin'];
export type BulletinTier = Schemas['BulletinTier'];
export type BulletinRow = Schemas['BulletinRow'];

export type InboxRow = Schemas['InboxRow'];
export type InboxPage = Schemas['InboxPage'];

export type AssignmentRole = Schemas['AssignmentRole'];
export type Milestone = Schemas['Milestone'];
export type Liaison = Schemas['LiaisonView'];
export type AssignmentView = Schemas['AssignmentView'];
export type TaskView = Schemas['TaskView'];
/** A section as the plan's structure nests it, with its tasks. */
export type PlanSection = PlanStructure['sections'][number];
export type PlanStructure = Schemas['PlanStructure'];
export type BreakdownMatrix = Schemas['BreakdownMatrix'];
export type BreakdownIndicator = BreakdownMatrix['indicators'][number];
export type BreakdownRow = BreakdownMatrix['rows'][number];
export type Mismatch = BreakdownMatrix['mismatches'][number];
export type Contact = Schemas['Contact'];
export type ContactRole = Schemas['ContactRole'];

export type FundSummary = Schemas['BudgetProjectSummary'];
export type FundSummaryPage = Schemas['BudgetProjectSummaryPage'];
export type FundDetail = Schemas['BudgetProjectDetail'];
export type SubItem = FundDetail['subItems'][number];
export type ExecutionSummary = Schemas['ProjectExecutionSummary'];
export type ExecutionStatus = Schemas['ExecutionStatus'];
export type ExecutionRow = Schemas['ExecutionRow'];
export type ActualView = Schemas['ActualView'];
export type ActualPeriod = Schemas['ActualDto']['period'];
export type Attainment = Schemas['Attainment'];
export type TargetValue = Schemas['TargetValue'];
export type Indicator = Schemas['IndicatorView'];
export type Survey = Schemas['SurveyView'];
export type SurveyOption = Schemas['SurveyOption'];
export type IssuedToken = Schemas['IssuedToken'];
export type SurveyResults = Schemas['SurveyResultsView'];
export type SatisfactionSummary = Schemas['SatisfactionSummary'];
export type EvaluationRow = Schemas['EvaluationReportRow'];
export type FundEvaluation = Schemas['FundEvaluationView'];
export type LeafSource = Schemas['FundLeafSource'];
export type EvaluatorInput = FundEvaluation['evaluatorInputs'][string];
export type SchemeCriterion = FundEvaluation['scheme']['criteria'][number];
export type PublicQuestionnaire = Schemas['PublicQuestionnaire'];
export type AuditEntryPage = Schemas['AuditEntryPage'];
export type AuditEntry = Schemas['AuditEntry'];
export type User = Schemas['UserView'];
export type UserPage = Schemas['UserViewPage'];
export type UserQuery = ListQuery<'/api/users'>;
export type NotificationListRow = Schemas['NotificationListRow'];
export type NotificationListRowPage = Schemas['NotificationListRowPage'];
export type NotificationQuery = ListQuery<'/api/notifications'>;
export type ProjectRow = Schemas['ProjectRow'];
export type ProjectList = Schemas['ProjectList'];
export type Unit = Schemas['Unit'];
export type ReminderRule = Schemas['ReminderRule'];
export type Preferences = Schemas['Preferences'];

/** Who signed in: a city's user (with a unit), or a platform administrator, who has none. */
export type SessionUser = Schemas['Principal'];

/** An assessment scheme as stored (GET /api/schemes). */
export type SchemeRecord = Schemas['AssessmentScheme'];
/** A scheme's criteria, rules, bonus, penalties, vetoes and grades, as the scoring library validated them. */
export type SchemeDefinition = Schemas['DomainScheme'];
export type Criterion = Schemas['Criterion'];
export type Rule = Schemas['Rule'];
export type EventItem = Schemas['EventItem'];
/** Where a leaf's input comes from in the platform. */
export type SchemeLeafSource = Schemas['LeafSource'];

export type Assessment = Schemas['AssessmentSummary'];
export type AssessmentEntries = Schemas['AssessmentEntries'];
export type AssessmentEntry = Schemas['AssessmentEntry'];
export type AssessedUnit = Schemas['AssessmentUnit'];
export type UnitResult = Schemas['UnitResult'];
export type Explanation = Schemas['Explanation'];
export type EntryFile = Schemas['EntryFile'];
export type SelfAssessmentProgress = Schemas['SelfAssessmentProgress'];
export type AssessmentEventView = Schemas['AssessmentEventView'];
export type AppealView = Schemas['AppealView'];

/** A group-chat robot (GET /api/channels); URL and secret only as hints. */
export type ChannelView = Schemas['ChannelView'];
export type ChannelDto = Schemas['ChannelDto'];
export type ChannelPostRow = Schemas['ChannelPostRow'];
export type ChannelPostQuery = ListQuery<'/api/channels/posts'>;
