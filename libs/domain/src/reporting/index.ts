/** Pure reporting rules: monthly periods and deadlines, timeliness, time-elapsed progress (序时进度),
 *  reminder timing and quarters. No I/O, no clock: `now` always comes in as an argument. */
export type { DecimalInput } from '../decimal.js';
export {
  DEFAULT_DEADLINE_RULE,
  MAX_CLOSE_AFTER_DAYS,
  assertDeadlineRule,
  validateDeadlineRule,
  type DeadlineRule,
  type DeadlineRuleIssue,
  type DeadlineRuleValidation,
} from './deadline-rule.js';
export {
  monthlyPeriod,
  monthlyPeriods,
  parsePeriodKey,
  periodKey,
  periodPhase,
  type PeriodPhase,
  type ReportingPeriod,
} from './periods.js';
export { TIMELINESS_STATUSES, timeliness, timelinessRate, type Timeliness, type TimelinessRate } from './timeliness.js';
export {
  elapsedShareBetween,
  elapsedShareByMonths,
  elapsedShareOfYear,
  expectedCompletion,
  indicatorProgress,
  type IndicatorDirection,
  type IndicatorProgress,
  type IndicatorProgressInput,
  type Milestone,
} from './progress.js';
export { expectedInvestmentToDate, projectElapsedShare, type ProjectSpan } from './project-schedule.js';
export { lateIfSubmittedAt, type SubmittedBefore } from './submission.js';
export {
  LAGGING_BELOW,
  RED_BELOW,
  completionStanding,
  fixedIndicatorStanding,
  indicatorStanding,
  investmentStanding,
  lightOf,
  smallIndicatorStanding,
  taskStanding,
  type FixedIndicatorStanding,
  type FixedIndicatorStandingInput,
  type IndicatorStanding,
  type IndicatorStandingInput,
  type InvestmentStanding,
  type SmallIndicatorStanding,
  type SmallIndicatorStandingInput,
  type Standing,
  type TaskState,
  type ProgressLight,
} from './standing.js';
export {
  DEFAULT_REMINDER_OPTIONS,
  dueReminders,
  reminderSchedule,
  type ReminderEntry,
  type ReminderKind,
  type ReminderOptions,
} from './reminders.js';
export {
  nextQuarter,
  parseQuarterKey,
  previousQuarter,
  quarterEnd,
  quarterKey,
  quarterMonths,
  quarterOf,
  quarterStart,
  type Quarter,
  type YearQuarter,
} from './quarters.js';
export {
  assignedWorkState,
  isAssignedWorkOverdue,
  overdueAssignedWorkCount,
  type AssignedWorkState,
  type AssignedWorkTerm,
} from './assigned-work.js';
