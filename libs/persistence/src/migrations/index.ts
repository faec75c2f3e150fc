import { Foundation1700000000000 } from './1700000000000-foundation.js';
import { Plans1700000001000 } from './1700000001000-plans.js';
import { Reporting1700000002000 } from './1700000002000-reporting.js';
import { Assessment1700000003000 } from './1700000003000-assessment.js';
import { UserEmail1700000004000 } from './1700000004000-user-email.js';
import { YearEnd1700000005000 } from './1700000005000-year-end.js';
import { Appeals1700000006000 } from './1700000006000-appeals.js';
import { Funds1700000007000 } from './1700000007000-funds.js';
import { FundSurveys1700000008000 } from './1700000008000-fund-surveys.js';
import { Sessions1700000009700 } from './1700000009700-sessions.js';
import { Platform1700000009800 } from './1700000009800-platform.js';
import { EvidenceByHash1700000009900 } from './1700000009900-evidence-by-hash.js';
import { FundTargetText1700000010000 } from './1700000010000-fund-target-text.js';
import { UnitGroups1700000010100 } from './1700000010100-unit-groups.js';
import { FundProjectHeader1700000010200 } from './1700000010200-fund-project-header.js';
import { PlanValuesAsWritten1700000010300 } from './1700000010300-plan-values-as-written.js';
import { PublishedReadViews1700000010400 } from './1700000010400-published-read-views.js';
import { TypeormMetadata1700000010410 } from './1700000010410-typeorm-metadata.js';
import { SelfAssessmentEvidence1700000010500 } from './1700000010500-self-assessment-evidence.js';
import { AssessmentRevisions1700000010600 } from './1700000010600-assessment-revisions.js';
import { YearEndEvidencePurposes1700000010710 } from './1700000010710-year-end-evidence-purposes.js';
import { AssignedWork1700000010720 } from './1700000010720-assigned-work.js';
import { NotMeasurableMarks1700000010740 } from './1700000010740-not-measurable-marks.js';
import { FundReportNarrative1700000010780 } from './1700000010780-fund-report-narrative.js';
import { BulletinsNoDelete1700000010800 } from './1700000010800-bulletins-no-delete.js';
import { NotificationChannels1700000010750 } from './1700000010750-notification-channels.js';
import { EvidenceBlobs1700000010820 } from './1700000010820-evidence-blobs.js';
import { ScoringRuns1700000010860 } from './1700000010860-scoring-runs.js';
import { BulletinSnapshotLz41700000010900 } from './1700000010900-bulletin-snapshot-lz4.js';
import { BulletinSnapshotJson1700000011000 } from './1700000011000-bulletin-snapshot-json.js';
import { BulletinSnapshotText1700000011100 } from './1700000011100-bulletin-snapshot-text.js';

/** Ordered list of migrations; the data source loads these classes, not a glob. */
export const migrations = [
  Foundation1700000000000,
  Plans1700000001000,
  Reporting1700000002000,
  Assessment1700000003000,
  UserEmail1700000004000,
  YearEnd1700000005000,
  Appeals1700000006000,
  Funds1700000007000,
  FundSurveys1700000008000,
  Sessions1700000009700,
  Platform1700000009800,
  EvidenceByHash1700000009900,
  FundTargetText1700000010000,
  UnitGroups1700000010100,
  FundProjectHeader1700000010200,
  PlanValuesAsWritten1700000010300,
  PublishedReadViews1700000010400,
  TypeormMetadata1700000010410,
  SelfAssessmentEvidence1700000010500,
  AssessmentRevisions1700000010600,
  YearEndEvidencePurposes1700000010710,
  AssignedWork1700000010720,
  NotMeasurableMarks1700000010740,
  NotificationChannels1700000010750,
  FundReportNarrative1700000010780,
  BulletinsNoDelete1700000010800,
  EvidenceBlobs1700000010820,
  ScoringRuns1700000010860,
  BulletinSnapshotLz41700000010900,
  BulletinSnapshotJson1700000011000,
  BulletinSnapshotText1700000011100,
];
