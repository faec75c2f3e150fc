// The worker thread of readInWorker: reads an upload into grids and runs the caller's reader over
// them, one job at a time, so neither the parse nor the reader (nor their garbage) touches the
// API's event loop. Only plain data crosses back.
import { parentPort } from 'node:worker_threads';
import { SpreadsheetError } from '../errors.js';
import { type Grid, loadGrid } from '../grid.js';
import type { SpreadsheetLimits } from '../limits.js';

export interface GridJob {
  id: number;
  buffer: Uint8Array;
  filename: string;
  limits: SpreadsheetLimits;
  /** URL of a module exporting `reader`, a function from the grids to a plain, cloneable result. */
  module: string;
  reader: string;
}

export type GridJobAnswer =
  | { id: number; result: unknown }
  /** Rows of the result sent ahead of it (see ROWS_PER_MESSAGE). */
  | { id: number; rows: unknown[] }
  | { id: number; spreadsheetError: { code: SpreadsheetError['code']; message: string; limit?: string; cell?: string } }
  | { id: number; failure: string };

type Reader = (grids: Grid[]) => unknown;

/**
 * A parsed sheet's rows cross in batches: the API thread takes each message in a few
 * milliseconds, where the 50,000 values of a big breakdown in one message would hold it for ~80.
 */
const ROWS_PER_MESSAGE = 100;

function post(answer: GridJobAnswer): void {
  if (!('result' in answer)) return parentPort!.postMessage(answer);
  const result = answer.result as { rows?: unknown };
  if (!result || typeof result !== 'object' || !Array.isArray(result.rows) || result.rows.length <= ROWS_PER_MESSAGE)
    return parentPort!.postMessage(answer);
  for (let i = 0; i < result.rows.length; i += ROWS_PER_MESSAGE)
    parentPort!.postMessage({ id: answer.id, rows: result.rows.slice(i, i + ROWS_PER_MESSAGE) });
  parentPort!.postMessage({ id: answer.id, result: { ...result, rows: [] } });
}

async function run(job: GridJob): Promise<GridJobAnswer> {
  try {
    const grids = await loadGrid(
      Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength),
      job.filename,
      job.limits,
    );
    const module = (await import(job.module)) as Record<string, unknown>;
    const reader = module[job.reader];
    if (typeof reader !== 'function') throw new Error(`${job.module} has no reader ${job.reader}`);
    return { id: job.id, result: (reader as Reader)(grids) };
  } catch (error) {
    if (error instanceof SpreadsheetError)
      return {
        id: job.id,
        spreadsheetError: { code: error.code, message: error.message, limit: error.limit, cell: error.cell },
      };
    return { id: job.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (job: GridJob) => {
  queue = queue.then(async () => post(await run(job)));
});
