import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@app/audit';
import { AppConfigModule, AppEnv } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { QueueModule, RedisModule } from '@app/queue';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { Schedules } from './schedules.js';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({ inject: [AppEnv], useFactory: (env: AppEnv) => ({ pinoHttp: { level: env.LOG_LEVEL } }) }),
    PersistenceModule,
    RedisModule,
    QueueModule,
    AuditModule,
  ],
  providers: [MaintenanceProcessor, Schedules],
})
export class WorkerModule {}
