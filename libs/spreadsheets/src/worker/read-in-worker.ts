import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SpreadsheetError } from '../errors.js';
import type { SpreadsheetLimits } from '../limits.js';
import type { GridJob, GridJobAnswer } from './grid-worker.js';

/** What to run over the grids: an exported function `(grids: Grid[]) => T` of the module at `module` (its `import.meta.url`). */
export interface ReaderRef {
  module: string;
  reader: string;
}

/**
 * The worker's heap bound: a workbook that gets past every limit and still needs more than this
 * ends the worker, not the API.
 */
const WORKER_HEAP_MB = 1536;
/** An idle worker is ended after this long; the next upload starts another. */
const IDLE_MS = 60_000;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (error: unknown) => void; rows: unknown[] }
>();

/**
 * Reads an upload and runs `reader` over its grids in a worker thread, so that neither parsing nor
 * the layout reader holds the API's event loop. One long-lived worker takes the jobs in turn; it
 * runs the compiled JavaScript beside this file, or, under the test runner and the script loader
 * (sources in TypeScript), the TypeScript through scripts/ts-loader.mjs. A SpreadsheetError in the
 * worker is thrown here as one; the worker running out of memory is TOO_LARGE.
 */
export function readInWorker<T>(
  buffer: Buffer,
  filename: string,
  limits: SpreadsheetLimits,
  reader: ReaderRef,
): Promise<T> {
  const thread = worker ?? startWorker();
  if (idleTimer) clearTimeout(idleTimer);
  const id = nextId++;
  const job: GridJob = {
    id,
    buffer: new Uint8Array(buffer),
    filename,
    limits,
    module: reader.module,
    reader: reader.reader,
  };
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject, rows: [] });
    thread.ref();
    thread.postMessage(job);
  });
}

function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const thread = new Worker(new URL(`./grid-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url), {
    execArgv: fromSource
      ? ['--import', fileURLToPath(new URL('../../../../scripts/ts-loader.mjs', import.meta.url))]
      : [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // An idle worker must not keep a process (a CLI, a test run) alive.
  thread.unref();
  thread.on('message', (answer: GridJobAnswer) => {
    const job = pending.get(answer.id);
    if (!job) return;
    if ('rows' in answer) {
      for (const row of answer.rows) job.rows.push(row);
      return;
    }
    pending.delete(answer.id);
    if (pending.size === 0) {
      thread.unref();
      idleTimer = setTimeout(() => void thread.terminate(), IDLE_MS);
      idleTimer.unref();
    }
    if ('result' in answer)
      job.resolve(job.rows.length > 0 ? { ...(answer.result as object), rows: job.rows } : answer.result);
    else if ('spreadsheetError' in answer) {
      const { code, message, limit, cell } = answer.spreadsheetError;
      job.reject(new SpreadsheetError(code, message, { limit, cell }));
    } else job.reject(new Error(`spreadsheet worker: ${answer.failure}`));
  });
  const fail = (error: unknown) => {
    if (worker === thread) worker = null;
    const outOfMemory = error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    for (const job of pending.values()) {
      job.reject(
        outOfMemory
          ? new SpreadsheetError('TOO_LARGE', `文件内容超过导入上限（读取需要超过 ${WORKER_HEAP_MB} MB 内存）`, {
              limit: 'memory',
            })
          : error,
      );
    }
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`spreadsheet worker exited with code ${code}`)));
  worker = thread;
  return thread;
}
