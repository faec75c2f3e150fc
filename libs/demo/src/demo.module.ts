import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@app/audit';
import { AppConfigModule, AppEnv } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { PlansModule } from '@app/plans';
import { ReportingModule } from '@app/reporting';
import { AssessmentModule } from '@app/assessment';
import { FundsModule } from '@app/funds';
import { DemoAssessment } from './demo-assessment.js';
import { DemoReporting } from './demo-reporting.js';
import { DemoLoader } from './demo-loader.js';
import { DemoFunds } from './demo-funds.js';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({ pinoHttp: { level: env.LOG_LEVEL } }),
    }),
    PersistenceModule,
    AuditModule,
    PlansModule,
    ReportingModule,
    AssessmentModule,
    FundsModule,
  ],
  providers: [DemoLoader, DemoReporting, DemoAssessment, DemoFunds],
  exports: [DemoLoader],
})
export class DemoModule {}
