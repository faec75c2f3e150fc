import { Module } from '@nestjs/common';
import { PlansModule } from '@app/plans';
import { CalendarService } from './calendar.service.js';
import { CompletenessService } from './completeness.service.js';
import { EvidenceStore } from './evidence-store.js';
import { IndicatorValuesService } from './indicator-values.service.js';
import { PeriodsService } from './periods.service.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [PlansModule],
  providers: [CalendarService, PeriodsService, ReportsService, EvidenceStore, CompletenessService, IndicatorValuesService],
  exports: [CalendarService, PeriodsService, ReportsService, EvidenceStore, CompletenessService, IndicatorValuesService],
})
export class ReportingModule {}
