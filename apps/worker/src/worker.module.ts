import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@app/audit';
import { AppConfigModule, AppEnv } from '@app/config';
import { NotificationsWorkerModule } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { QueueModule, RedisModule } from '@app/queue';
import { MailDispatchProcessor } from './processors/mail-dispatch.processor.js';
import { MailProcessor } from './processors/mail.processor.js';
import { ChannelPostsProcessor } from './processors/channel-posts.processor.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { RemindersProcessor } from './processors/reminders.processor.js';
import { RankingsProcessor } from './processors/rankings.processor.js';
import { ScoringProcessor } from './processors/scoring.processor.js';
import { AssessmentModule } from '@app/assessment';
import { FundRemindersModule } from '@app/funds';
import { ReportingModule } from '@app/reporting';
import { Schedules } from './schedules.js';
import { WorkerShutdown } from './shutdown.js';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({ pinoHttp: { level: env.LOG_LEVEL } }),
    }),
    PersistenceModule,
    RedisModule,
    QueueModule,
    AuditModule,
    NotificationsWorkerModule,
    ReportingModule,
    AssessmentModule,
    FundRemindersModule,
  ],
  providers: [
    MaintenanceProcessor,
    RemindersProcessor,
    MailDispatchProcessor,
    MailProcessor,
    ChannelPostsProcessor,
    RankingsProcessor,
    ScoringProcessor,
    Schedules,
    WorkerShutdown,
  ],
})
export class WorkerModule {}
