import { Module } from '@nestjs/common';
import { MAIL_OPTIONS, readMailOptions } from './mail-options.js';
import { MailTransport } from './mail-transport.js';

/** The outgoing mail transport; only the worker imports it (the API never talks SMTP). */
@Module({
  providers: [{ provide: MAIL_OPTIONS, useFactory: () => readMailOptions() }, MailTransport],
  exports: [MailTransport, MAIL_OPTIONS],
})
export class MailModule {}
