import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppEnv } from '@app/config';
import { MAIL_OPTIONS, type MailOptions } from './mail-options.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** With angle brackets: `<hash@kechuang>`. A resend carries the same one. */
  messageId: string;
}

/** The server refused or the connection failed. `permanent` (5xx) means retrying cannot help. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

interface NodemailerError {
  message?: string;
  responseCode?: number;
  response?: string;
  code?: string;
}

/** Turns whatever nodemailer threw into a MailDeliveryError with the server's reply. */
export function deliveryError(error: unknown): MailDeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600;
  const detail = e.response ?? e.message ?? 'unknown error';
  return new MailDeliveryError(`${e.code ? `${e.code}: ` : ''}${detail}`.slice(0, 1000), permanent, code);
}

/**
 * The pooled SMTP transport (pool: true, `MAIL_POOL_SIZE` connections): one per process. A message
 * whose connection drops is not requeued inside nodemailer (`maxRequeues: 0`); the caller's job
 * retries it, so the database decides whether it still needs sending.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  private readonly logger = new Logger('MailTransport');

  constructor(
    private readonly env: AppEnv,
    @Inject(MAIL_OPTIONS) options: MailOptions,
  ) {
    this.transporter = nodemailer.createTransport({
      pool: true,
      maxConnections: options.poolSize,
      maxMessages: 1000,
      maxRequeues: 0,
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: false,
      ignoreTLS: env.SMTP_HOST === '127.0.0.1' || env.SMTP_HOST === 'localhost',
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: options.socketTimeoutMs,
    });
    // A failed delivery already rejects its sendMail; an emitter with no 'error' listener would
    // instead end the process, so transport-level errors are logged and the job retries.
    this.transporter.on('error', (error: Error) => this.logger.warn(`mail transport: ${error.message}`));
  }

  /** Resolves once the server has accepted the message (250 after DATA). */
  async send(mail: OutgoingMail): Promise<{ response: string }> {
    try {
      const info = (await this.transporter.sendMail({
        from: this.env.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      })) as { response?: string; rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0)
        throw new MailDeliveryError(`收件人被拒收：${info.response ?? ''}`, true, null);
      return { response: info.response ?? '' };
    } catch (error) {
      if (error instanceof MailDeliveryError) throw error;
      throw deliveryError(error);
    }
  }

  /** Called after the workers have drained (see the worker's shutdown order). */
  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
