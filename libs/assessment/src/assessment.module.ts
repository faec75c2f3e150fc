import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '@app/plans';
import { AssessmentRevisionsService } from './assessment-revisions.js';
import { BulletinExportService } from './bulletin-export.service.js';
import { QuarterlyRankingService } from './quarterly-ranking.service.js';
import { SchemesService } from './schemes.service.js';
import { YearEndService } from './year-end.service.js';
import {
  Appeal,
  Assessment,
  AssessmentEntry,
  AssessmentEvent,
  AssessmentRevision,
  Bulletin,
  Scheme,
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
    ]),
    PlansModule,
  ],
  providers: [
    SchemesService,
    QuarterlyRankingService,
    BulletinExportService,
    YearEndService,
    AssessmentRevisionsService,
  ],
  exports: [SchemesService, QuarterlyRankingService, BulletinExportService, YearEndService, AssessmentRevisionsService],
})
export class AssessmentModule {}
