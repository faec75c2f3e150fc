import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppEnv } from '@app/config';
import { QueueErrors } from './queue-errors.js';
import { QueueName } from './queues.js';
import { bullConnection } from './redis.js';

const queues = Object.values(QueueName).map((name) => ({ name }));

/** BullMQ connection and every queue, registered once for the api and the worker. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({
        connection: bullConnection(env.REDIS_URL),
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: { age: 7 * 86_400, count: 10_000 },
          removeOnFail: false,
        },
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [QueueErrors],
  exports: [BullModule],
})
export class QueueModule {}
