import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { MailDeliveryError, MailTransport } from '@app/mail';
import { type BatchOutcome, NotificationsRepository } from './notifications.repository.js';

/** How many rows of a send job ended which way. */
export interface SendOutcome {
  sent: number;
  alreadyDone: number;
  missing: number;
}

/**
 * Sends a batch of notifications, each exactly once in all but one case. The rows are locked for the whole send and
 * checked to be still pending; each is marked sent in the same transaction, after the server accepted it. Only a
 * crash between that acceptance and the commit leaves it pending: the retried job then sends it again, with the same
 * Message-ID (at most MAIL_CONCURRENCY × MAIL_BATCH messages).
 */
@Injectable()
export class MailSenderService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {}

  /**
   * `attempt` is the job's. A delivery error is counted on its row, and on the last attempt (or a permanent 5xx
   * refusal) the row becomes 'failed'; the rows the server accepted stay sent. If any row failed, an error is thrown
   * so the job retries with backoff — the retry finds only the rows still pending. It is a permanent MailDeliveryError
   * only when every failure was permanent (then no retry can help).
   */
  async send(ids: readonly string[], attempt: { made: number; max: number }): Promise<SendOutcome> {
    const last = attempt.made + 1 >= attempt.max;
    const outcome = await this.repo.sendLocked(
      ids,
      async (row) => {
        await this.transport.send({
          to: row.recipientEmail,
          subject: row.subject,
          text: row.bodyText,
          html: row.bodyHtml,
          messageId: row.messageId,
        });
      },
      {
        sentAt: () => this.clock.now(),
        failure: (error) =>
          error instanceof MailDeliveryError ? { message: error.message, final: error.permanent || last } : null,
      },
    );
    const failure = batchFailure(outcome);
    if (failure) throw failure;
    return { sent: outcome.sent.length, alreadyDone: outcome.alreadyDone.length, missing: outcome.missing.length };
  }
}

/** The error a batch's job fails with: the first that a retry may cure, else the first permanent one. */
function batchFailure(outcome: BatchOutcome): unknown {
  const errors = outcome.failed.map((f) => f.error);
  return errors.find((e) => !(e instanceof MailDeliveryError && e.permanent)) ?? errors[0];
}
