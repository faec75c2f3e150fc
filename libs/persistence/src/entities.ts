import { AuditEntry } from '@app/audit';
import { Appeal, Assessment, AssessmentEntry, AssessmentEvent, Bulletin, Scheme } from '@app/assessment';
import { RefreshToken, User } from '@app/identity';
import { Contact, CountyTier, Unit } from '@app/organisation';
import {
  Assignment,
  AssignmentLiaison,
  Indicator,
  IndicatorValue,
  Plan,
  PlanSection,
  Project,
  Target,
  Task,
} from '@app/plans';
import {
  CalendarDay,
  EntryException,
  EvidenceFile,
  InboxMessage,
  Notification,
  PlanIndicator,
  Report,
  ReportEvidence,
  ReportingPeriod,
  ScheduleRun,
} from '@app/reporting';

/** Every mapped table; the data source and the Nest module both read this list. */
export const entities = [
  Unit,
  CountyTier,
  Contact,
  User,
  RefreshToken,
  AuditEntry,
  Plan,
  PlanSection,
  Task,
  Assignment,
  AssignmentLiaison,
  Indicator,
  Target,
  IndicatorValue,
  Project,
  CalendarDay,
  ReportingPeriod,
  PlanIndicator,
  Report,
  EvidenceFile,
  ReportEvidence,
  EntryException,
  Notification,
  InboxMessage,
  ScheduleRun,
  Scheme,
  Bulletin,
  Assessment,
  AssessmentEntry,
  AssessmentEvent,
  Appeal,
];
