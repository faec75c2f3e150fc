import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '@app/plans';
import { AssignedWorkEvidence, AssignedWorkItem, AssignedWorkUnit } from './assigned-work/assigned-work.entity.js';
import { AssignedWorkRepository } from './assigned-work/assigned-work.repository.js';
import { AssignedWorkService } from './assigned-work/assigned-work.service.js';
import { CalendarService } from './calendar.service.js';
import { LaggingService } from './lagging.service.js';
import { CompletenessService } from './completeness.service.js';
import { EvidenceStore } from './evidence-store.js';
import { evidenceStoreProvider } from './evidence-store.provider.js';
import { EvidenceSweep } from './evidence-sweep.service.js';
import { IndicatorValuesService } from './indicator-values.service.js';
import { PeriodsService } from './periods.service.js';
import { ReportEvidenceService } from './report-evidence.service.js';
import { ReportFormService } from './report-form.service.js';
import { ReportsService } from './reports.service.js';
import {
  CalendarDay,
  EntryException,
  EvidenceFile,
  PlanIndicator,
  Report,
  ReportEvidence,
  ReportingPeriod,
} from './entities/index.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CalendarDay,
      ReportingPeriod,
      PlanIndicator,
      Report,
      EvidenceFile,
      ReportEvidence,
      EntryException,
      AssignedWorkItem,
      AssignedWorkUnit,
      AssignedWorkEvidence,
    ]),
    PlansModule,
  ],
  providers: [
    CalendarService,
    PeriodsService,
    ReportsService,
    ReportFormService,
    evidenceStoreProvider,
    ReportEvidenceService,
    EvidenceSweep,
    CompletenessService,
    LaggingService,
    IndicatorValuesService,
    AssignedWorkRepository,
    AssignedWorkService,
  ],
  exports: [
    CalendarService,
    PeriodsService,
    ReportsService,
    ReportFormService,
    EvidenceStore,
    ReportEvidenceService,
    EvidenceSweep,
    CompletenessService,
    LaggingService,
    IndicatorValuesService,
    AssignedWorkService,
  ],
})
export class ReportingModule {}
