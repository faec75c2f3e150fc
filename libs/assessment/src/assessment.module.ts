import { Module } from '@nestjs/common';
import { PlansModule } from '@app/plans';
import { BulletinExportService } from './bulletin-export.service.js';
import { QuarterlyRankingService } from './quarterly-ranking.service.js';
import { SchemesService } from './schemes.service.js';
import { YearEndService } from './year-end.service.js';

@Module({
  imports: [PlansModule],
  providers: [SchemesService, QuarterlyRankingService, BulletinExportService, YearEndService],
  exports: [SchemesService, QuarterlyRankingService, BulletinExportService, YearEndService],
})
export class AssessmentModule {}
