export * from './entities/index.js';
export * from './fund-access.js';
export * from './budget-projects.service.js';
export * from './execution.service.js';
export * from './performance-targets.service.js';
export * from './target-import.service.js';
export * from './fund-evaluation.service.js';
export * from './evaluation-report.service.js';
export * from './fund-reminders.service.js';
export * from './funds.module.js';
export * from './surveys/index.js';
// The entities export the status and kind names as values too; the rest of the API's views come from here.
export {
  BUDGET_PROJECT_KIND_LABELS,
  FUND_SOURCE_LABELS,
  FUND_SOURCES,
  type ActualView,
  type BudgetProjectDetail,
  type BudgetProjectSummary,
  type EvaluationReportRow,
  type EvaluatorInputs,
  type ExecutionRow,
  type FundEvaluationView,
  type FundSource,
  type FundTodoItem,
  type IndicatorView,
  type IssuedToken,
  type PublicQuestionnaire,
  type QuestionResult,
  type SubmittedResponse,
  type SurveyQuestionView,
  type SurveyResultsView,
  type SurveyView,
} from './views.js';
export type { TargetTableLayout } from './spreadsheets/types.js';
