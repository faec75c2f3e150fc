// Loaded before every spec (Jest `setupFilesAfterEnv`). An 'error' event that nobody listens to is
// thrown by Node wherever the emitter happens to be, and Jest then reports a bare "read ECONNRESET"
// with no hint of which client or server raised it. This names the emitter's class and the test
// that was running in the message; it changes nothing else.
import { EventEmitter } from 'node:events';
import { types } from 'node:util';
import { expect } from '@jest/globals';

const ORIGINAL = Symbol.for('kechuang.test.originalEmit');
const CURRENT_EXPECT = Symbol.for('kechuang.test.currentExpect');
type Emit = EventEmitter['emit'] & { [ORIGINAL]?: EventEmitter['emit'] };
const proto = EventEmitter.prototype as EventEmitter & { [CURRENT_EXPECT]?: typeof expect };

// Node's EventEmitter is shared by every spec file a process runs, while each file has its
// own `expect`: the patch is made once and reads the `expect` of the file loaded last.
proto[CURRENT_EXPECT] = expect;

// Errors from sockets are made outside the test's realm, where `instanceof Error` is false.
const isError = (value: unknown): value is Error => types.isNativeError(value) || value instanceof Error;
const NAMED = /^unhandled 'error' event on /;

if (!(proto.emit as Emit)[ORIGINAL]) {
  const original = proto.emit;
  const emitNamingOrigin: Emit = function (this: EventEmitter, event: string | symbol, ...args: unknown[]): boolean {
    const [error] = args;
    if (event === 'error' && isError(error) && this.listenerCount('error') === 0 && !NAMED.test(error.message)) {
      const running = proto[CURRENT_EXPECT]?.getState().currentTestName;
      const origin = `unhandled 'error' event on ${this.constructor?.name || 'an EventEmitter'}${running ? ` during "${running}"` : ''}`;
      const message = error.message;
      error.message = `${origin}: ${message}`;
      if (error.stack) error.stack = error.stack.replace(message, error.message);
    }
    return original.call(this, event, ...args);
  };
  emitNamingOrigin[ORIGINAL] = original;
  proto.emit = emitNamingOrigin;
}
