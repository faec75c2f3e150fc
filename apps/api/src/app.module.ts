import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AuditModule } from '@app/audit';
import { AppConfigModule, AppEnv } from '@app/config';
import { IdentityModule } from '@app/identity';
import { OrganisationModule } from '@app/organisation';
import { PersistenceModule } from '@app/persistence';
import { PlansModule } from '@app/plans';
import { ReportingModule } from '@app/reporting';
import { AssessmentModule } from '@app/assessment';
import { QueueModule, RedisModule } from '@app/queue';
import { AuditController } from './audit/audit.controller.js';
import { AccessGuard } from './auth/access.guard.js';
import { AuthController } from './auth/auth.controller.js';
import { ClockController } from './health/clock.controller.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsApiModule } from './notifications/notifications-api.module.js';
import { ChannelsApiModule } from './channels/channels-api.module.js';
import { ErrorFilter } from './http/error.filter.js';
import { requestLogRedaction } from './http/log-redaction.js';
import { ContactsController } from './organisation/contacts.controller.js';
import { CountyTiersController } from './organisation/county-tiers.controller.js';
import { UnitsController } from './organisation/units.controller.js';
import { UnitGroupsController } from './organisation/unit-groups.controller.js';
import { UsersController } from './users/users.controller.js';
import { PlatformController } from './platform/platform.controller.js';
import { PlansController } from './plans/plans.controller.js';
import {
  IndicatorsController,
  ProjectsController,
  SectionsController,
  TasksController,
} from './plans/tasks.controller.js';
import { PlanReportingController } from './reporting/plan-reporting.controller.js';
import { ReportsController } from './reporting/reports.controller.js';
import { AssignedWorkController } from './reporting/assigned-work.controller.js';
import { AssessmentController } from './assessment/assessment.controller.js';
import { AssessmentRevisionsController } from './assessment/assessment-revisions.controller.js';
import { YearEndController } from './assessment/year-end.controller.js';
import { NotMeasurableController } from './assessment/not-measurable.controller.js';
import { YearEndDocumentsController } from './assessment/year-end-documents.controller.js';
import { YearEndEvidenceController } from './assessment/year-end-evidence.controller.js';
import { SurveysModule } from '@app/funds';
import { SurveysController } from './funds/surveys.controller.js';
import { PublicSurveyController } from './funds/public-survey.controller.js';
import { FundsController } from './funds/funds.controller.js';
import { FundsModule } from '@app/funds';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '',
          // Tokens, cookies and passwords never reach the log, wherever a request carries them.
          ...requestLogRedaction,
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
    PersistenceModule,
    RedisModule,
    QueueModule,
    AuditModule,
    OrganisationModule,
    IdentityModule,
    PlansModule,
    NotificationsApiModule,
    ChannelsApiModule,
    ReportingModule,
    AssessmentModule,
    SurveysModule,
    FundsModule,
  ],
  controllers: [
    HealthController,
    ClockController,
    AuthController,
    UnitsController,
    ContactsController,
    CountyTiersController,
    UnitGroupsController,
    UsersController,
    PlatformController,
    AuditController,
    PlansController,
    TasksController,
    SectionsController,
    IndicatorsController,
    ProjectsController,
    ReportsController,
    AssignedWorkController,
    PlanReportingController,
    AssessmentController,
    YearEndController,
    YearEndEvidenceController,
    AssessmentRevisionsController,
    NotMeasurableController,
    YearEndDocumentsController,
    SurveysController,
    PublicSurveyController,
    FundsController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class AppModule {}
