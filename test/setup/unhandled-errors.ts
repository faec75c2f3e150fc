// Loaded before every spec (Jest `setupFilesAfterEnv`). An 'error' event that nobody listens to is thrown
// by Node wherever the emitter happens to be, and Jest then reports a bare "read ECONNRESET" with
// no hint of which client or server raised it. This names the emitter's class in the message, so
// the failure names the error's origin and the test that was running; it changes nothing else.
import { EventEmitter } from 'node:events';
import { types } from 'node:util';
import { expect } from '@jest/globals';

const PATCHED = Symbol.for('kechuang.test.unhandledErrorOrigin');
type Patched = typeof EventEmitter.prototype & { [PATCHED]?: true };
const proto = EventEmitter.prototype as Patched;

// Errors from sockets are made outside the test's realm, where `instanceof Error` is false.
const isError = (value: unknown): value is Error => types.isNativeError(value) || value instanceof Error;

if (!proto[PATCHED]) {
  const emit = proto.emit;
  proto[PATCHED] = true;
  proto.emit = function emitNamingOrigin(this: EventEmitter, event: string | symbol, ...args: unknown[]): boolean {
    const [error] = args;
    if (event === 'error' && isError(error) && this.listenerCount('error') === 0 && !error.message.startsWith('unhandled')) {
      const running = expect.getState().currentTestName;
      const origin = `unhandled 'error' event on ${this.constructor?.name || 'an EventEmitter'}${running ? ` during "${running}"` : ''}`;
      const original = error.message;
      error.message = `${origin}: ${original}`;
      if (error.stack) error.stack = error.stack.replace(original, error.message);
    }
    return emit.call(this, event, ...args);
  };
}
