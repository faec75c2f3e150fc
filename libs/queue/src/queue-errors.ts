import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QueueName } from './queues.js';

/**
 * A BullMQ queue re-emits its connection's errors (ECONNRESET while Redis restarts); an emitter
 * with no 'error' listener throws, which would take the whole process down. Redis being away is
 * expected and survivable (the API keeps writing to PostgreSQL), so it is logged instead.
 */
@Injectable()
export class QueueErrors implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => this.logger.warn(`queue ${name}: ${error.message}`));
    }
  }
}
