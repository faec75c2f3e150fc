import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv } from '@app/config';
import { dataSourceOptions } from './data-source-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({
        ...dataSourceOptions(env.DATABASE_URL, {}, { lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS }),
        autoLoadEntities: true,
      }),
    }),
  ],
})
export class PersistenceModule {}
