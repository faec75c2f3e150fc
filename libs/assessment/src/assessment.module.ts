import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelPlannerModule, YearEndNoticesModule } from '@app/notifications';
import { PlansModule } from '@app/plans';
import { QueueModule } from '@app/queue';
import { AssessmentRevisionsService } from './assessment-revisions.js';
import { ReportingModule } from '@app/reporting';
import { BulletinExportService } from './bulletin-export.service.js';
import { QuarterlyRankingService } from './quarterly-ranking.service.js';
import { SchemesService } from './schemes.service.js';
import { NotMeasurableService } from './not-measurable.service.js';
import { SelfEvidenceService } from './self-evidence.service.js';
import { ScoringRunsService } from './scoring-runs.service.js';
import { YearEndService } from './year-end.service.js';
import { YearEndNoticeService } from './year-end-notice.service.js';
import { YearEndEventsService } from './year-end-events.service.js';
import {
  Appeal,
  Assessment,
  AssessmentEntry,
  AssessmentEvent,
  AssessmentRevision,
  Bulletin,
  EntryEvidence,
  NotMeasurableMark,
  Scheme,
  ScoringRun,
  SelfAssessmentSubmission,
} from './entities/index.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Scheme,
      Bulletin,
      Assessment,
      AssessmentEntry,
      AssessmentEvent,
      Appeal,
      AssessmentRevision,
      EntryEvidence,
      SelfAssessmentSubmission,
      NotMeasurableMark,
      ScoringRun,
    ]),
    PlansModule,
    ReportingModule,
    YearEndNoticesModule,
    ChannelPlannerModule,
    QueueModule,
  ],
  providers: [
    SchemesService,
    QuarterlyRankingService,
    BulletinExportService,
    YearEndService,
    ScoringRunsService,
    YearEndNoticeService,
    AssessmentRevisionsService,
    SelfEvidenceService,
    NotMeasurableService,
    YearEndEventsService,
  ],
  exports: [
    SchemesService,
    QuarterlyRankingService,
    BulletinExportService,
    YearEndService,
    ScoringRunsService,
    YearEndNoticeService,
    AssessmentRevisionsService,
    SelfEvidenceService,
    NotMeasurableService,
    YearEndEventsService,
  ],
})
export class AssessmentModule {}
