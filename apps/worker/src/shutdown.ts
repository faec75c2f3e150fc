import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { MailDispatchProcessor } from './processors/mail-dispatch.processor.js';
import { MailProcessor } from './processors/mail.processor.js';
import { RemindersProcessor } from './processors/reminders.processor.js';

/**
 * Graceful stop, first of all shutdown steps: every BullMQ worker stops taking jobs and waits for
 * its active ones to finish, while the database and the SMTP pool are still open (they close in
 * the later `onApplicationShutdown` step). A job that cannot finish is left to BullMQ's stalled
 * check and runs again; its row decides whether anything still needs sending.
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerShutdown.name);

  constructor(
    private readonly maintenance: MaintenanceProcessor,
    private readonly reminders: RemindersProcessor,
    private readonly dispatch: MailDispatchProcessor,
    private readonly mail: MailProcessor,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const hosts = [this.dispatch, this.reminders, this.maintenance, this.mail];
    await Promise.all(hosts.map((h) => h.worker.close()));
    this.logger.log('workers drained');
  }
}
