import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { MailDeliveryError, MailTransport } from '@app/mail';
import { NotificationsRepository } from './notifications.repository.js';

export type SendOutcome = Awaited<ReturnType<NotificationsRepository['sendLocked']>>;

/**
 * Sends one notification, exactly once in all but one case. The row is locked for the whole
 * send and checked to be still pending; it is marked sent in the same transaction, after the
 * server accepted the message. Only a crash between that acceptance and the commit leaves it
 * pending: the retried job then sends it again, with the same Message-ID.
 */
@Injectable()
export class MailSenderService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {}

  /**
   * `attempt` is the job's: on a delivery error the attempt is counted on the row, and on the
   * last attempt (or a permanent 5xx refusal) the row becomes 'failed'. The error is rethrown so
   * the job retries with backoff.
   */
  async send(id: string, attempt: { made: number; max: number }): Promise<SendOutcome> {
    try {
      return await this.repo.sendLocked(
        id,
        async (row) => {
          await this.transport.send({
            to: row.recipientEmail,
            subject: row.subject,
            text: row.bodyText,
            html: row.bodyHtml,
            messageId: row.messageId,
          });
        },
        () => this.clock.now(),
      );
    } catch (error) {
      if (error instanceof MailDeliveryError) {
        await this.repo.recordFailure(id, error.message, error.permanent || attempt.made + 1 >= attempt.max);
      }
      throw error;
    }
  }
}
