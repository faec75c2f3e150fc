import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@app/notifications';
import { BudgetProjectsService } from './budget-projects.service.js';
import { EvaluationReportService } from './evaluation-report.service.js';
import { ExecutionService } from './execution.service.js';
import { FundAccess } from './fund-access.js';
import { FundEvaluationService } from './fund-evaluation.service.js';
import { FundRemindersService } from './fund-reminders.service.js';
import { PerformanceTargetsService } from './performance-targets.service.js';
import { SurveysModule } from './surveys/index.js';
import { TargetImportService } from './target-import.service.js';
import {
  BudgetProject,
  BudgetSubItem,
  FundEvaluation,
  FundExecution,
  PerformanceActual,
  PerformanceIndicator,
} from './entities/index.js';

const entities = TypeOrmModule.forFeature([
  BudgetProject,
  BudgetSubItem,
  FundExecution,
  PerformanceIndicator,
  PerformanceActual,
  FundEvaluation,
]);

const services = [
  FundAccess,
  BudgetProjectsService,
  ExecutionService,
  PerformanceTargetsService,
  TargetImportService,
  FundEvaluationService,
  EvaluationReportService,
];

/** Special funds: budget projects, execution, performance targets and their evaluation. */
@Module({
  imports: [entities, SurveysModule],
  providers: services,
  exports: [...services, SurveysModule],
})
export class FundsModule {}

/** The worker's part: reminders to departments whose fund spending lags (needs the notification queues). */
@Module({
  imports: [entities, NotificationsModule],
  providers: [FundRemindersService],
  exports: [FundRemindersService],
})
export class FundRemindersModule {}
