import { AuditEntry } from '@app/audit';
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
];
