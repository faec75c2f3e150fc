import { performance } from 'node:perf_hooks';

/**
 * Gives the event loop a turn whenever the caller has held it for `sliceMs`. Reading a
 * 50,000-row sheet and planning its import take seconds of CPU, and the API must go on answering
 * meanwhile (/health within 200 ms): long loops call `pause()` as they go, which costs a clock
 * read until a slice is used up.
 */
export class Pacer {
  private last = performance.now();

  constructor(private readonly sliceMs = 8) {}

  async pause(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
