import { EventEmitter } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../setup/processes.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';

/** Opens a raw SMTP session, starts a message and resets the connection in the middle of it. */
async function resetMidMessage(port: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let seen = '';
  socket.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  const expectReply = (code: string) =>
    waitFor(async () => seen.split('\r\n').some((line) => line.startsWith(code)), `SMTP ${code}`, 5_000);
  await expectReply('220');
  const step = async (command: string, code: string) => {
    seen = '';
    socket.write(`${command}\r\n`);
    await expectReply(code);
  };
  await step('EHLO worker.test', '250');
  await step('MAIL FROM:<office@example.com>', '250');
  await step('RCPT TO:<liaison@example.com>', '250');
  await step('DATA', '354');
  socket.write('Subject: half a message\r\n\r\nthe worker is killed here');
  await new Promise((r) => setTimeout(r, 50));
  socket.resetAndDestroy();
}

describe('test harness: errors outside a test are caught where they come from', () => {
  let smtp: SmtpListener;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('the SMTP listener records a client reset in the middle of a message instead of throwing it into the test process', async () => {
    await resetMidMessage(smtp.port);
    const [error] = await waitFor(
      async () => (smtp.connectionErrors.length > 0 ? smtp.connectionErrors : null),
      'the reset to reach the listener',
      5_000,
    );
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(smtp.messages).toHaveLength(0);
  });

  it("an 'error' event with no listener fails with the emitter's name in the message", () => {
    class SomeClient extends EventEmitter {}
    // Node wraps an error from another realm ("Unhandled error. (…)"); either way the message names both.
    expect(() => new SomeClient().emit('error', new Error('read ECONNRESET'))).toThrow(
      `unhandled 'error' event on SomeClient during "${expect.getState().currentTestName}": read ECONNRESET`,
    );
    const heard: Error[] = [];
    const listened = new SomeClient().on('error', (e: Error) => heard.push(e));
    listened.emit('error', new Error('read ECONNRESET'));
    expect(heard[0]!.message).toBe('read ECONNRESET');
  });
});
