import { Global, Module } from '@nestjs/common';
import { Clock, createClock } from './clock.js';
import { AppEnv, validateEnv } from './env.js';

/** Validates the environment once per process and provides it, with the clock, everywhere. */
@Global()
@Module({
  providers: [
    { provide: AppEnv, useFactory: () => validateEnv(process.env) },
    { provide: Clock, inject: [AppEnv], useFactory: (env: AppEnv) => createClock(env) },
  ],
  exports: [AppEnv, Clock],
})
export class AppConfigModule {}
