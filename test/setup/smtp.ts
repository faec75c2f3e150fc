import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the listener accepted (answered 250 after DATA). */
export interface ReceivedMail {
  messageId: string;
  /** Envelope recipients (RCPT TO), lower case. */
  to: string[];
  from: string;
  /** The Subject header, decoded when it was RFC 2047 encoded. */
  subject: string;
  raw: string;
  at: number;
}

export interface SmtpListener {
  port: number;
  readonly messages: ReceivedMail[];
  /** Accepted messages grouped by Message-ID: more than one entry means a resend. */
  byMessageId(): Map<string, ReceivedMail[]>;
  /** Hold each message this long before accepting it (a slow server). */
  setDelay(ms: number): void;
  /**
   * Refuse every message for `ms` milliseconds with the given codes in turn: 421 (service not
   * available, closing the connection) and/or 451 (local error, try again later) at MAIL FROM.
   * The window opens at the first message that arrives after the call, not at the call itself,
   * so a slow machine cannot let it pass before any mail comes.
   */
  failFor(ms: number, codes?: number[]): void;
  /** Refuse messages to this address with `code` (e.g. 451 temporary, 550 permanent) until cleared with `null`. */
  rejectRecipient(address: string, code: number | null): void;
  /** How many times a message was refused. */
  readonly refusals: number;
  /**
   * Connection errors the listener saw, e.g. ECONNRESET from a worker killed in the middle of a
   * message: a real mail server logs them and carries on, and so does this one.
   */
  readonly connectionErrors: Error[];
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : '';
}

/** Decodes =?UTF-8?B?…?= and =?UTF-8?Q?…?= words, enough to read the subjects the platform sends. */
function decodeWords(text: string): string {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** An SMTP server in this process on a free port that records what it accepts. */
export async function startSmtp(options: { delayMs?: number } = {}): Promise<SmtpListener> {
  const messages: ReceivedMail[] = [];
  let delayMs = options.delayMs ?? 0;
  let failUntil = 0;
  let failWindowMs = 0;
  let failCodes = [421, 451];
  let failTurn = 0;
  let refusals = 0;
  const rejected = new Map<string, number>();
  const connectionErrors: Error[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 100,
    onMailFrom(_address, _session: SMTPServerSession, callback) {
      if (failWindowMs > 0) {
        failUntil = Date.now() + failWindowMs;
        failWindowMs = 0;
      }
      if (Date.now() < failUntil) {
        refusals++;
        const code = failCodes[failTurn++ % failCodes.length]!;
        return callback(
          smtpError(
            code,
            code === 421 ? 'Service not available, closing channel' : 'Local error in processing, try again later',
          ),
        );
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const code = rejected.get(address.address.toLowerCase());
      if (code) {
        refusals++;
        return callback(smtpError(code, code >= 500 ? 'Mailbox unavailable' : 'Mailbox busy, try again later'));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const accept = () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          messages.push({
            messageId: headerOf(raw, 'Message-ID'),
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: decodeWords(headerOf(raw, 'Subject')),
            raw,
            at: Date.now(),
          });
          callback();
        };
        if (delayMs > 0) setTimeout(accept, delayMs);
        else accept();
      });
    },
  });
  // smtp-server re-emits a client's socket error on the server when it happens mid-transaction;
  // with no listener that 'error' would be thrown into the test process ("read ECONNRESET").
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    byMessageId() {
      const map = new Map<string, ReceivedMail[]>();
      for (const m of messages) map.set(m.messageId, [...(map.get(m.messageId) ?? []), m]);
      return map;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    failFor(ms, codes = [421, 451]) {
      failWindowMs = ms;
      failCodes = codes;
    },
    rejectRecipient(address, code) {
      if (code === null) rejected.delete(address.toLowerCase());
      else rejected.set(address.toLowerCase(), code);
    },
    get refusals() {
      return refusals;
    },
    connectionErrors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
