import { DomainError, ErrorCode } from '@app/common';
import type { AppEnv } from '@app/config';
import { SpreadsheetError } from './errors.js';
import type { SpreadsheetLimits } from './limits.js';
import { type ReaderRef, readInWorker } from './worker/read-in-worker.js';

/** Uploads larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface UploadedSheet {
  buffer: Buffer;
  filename: string;
}

const MiB = 1024 * 1024;

/** The reader's limits as the environment sets them (SPREADSHEET_* in config/.env.example). */
export function uploadLimits(env: AppEnv): SpreadsheetLimits {
  return {
    maxSheets: env.SPREADSHEET_MAX_SHEETS,
    maxRows: env.SPREADSHEET_MAX_ROWS,
    maxColumns: env.SPREADSHEET_MAX_COLUMNS,
    maxCells: env.SPREADSHEET_MAX_CELLS,
    maxSharedStrings: env.SPREADSHEET_MAX_SHARED_STRINGS,
    maxTextLength: env.SPREADSHEET_MAX_TEXT_LENGTH,
    maxInflatedBytes: env.SPREADSHEET_MAX_INFLATED_MB * MiB,
    maxEntryInflatedBytes: env.SPREADSHEET_MAX_ENTRY_INFLATED_MB * MiB,
    maxCompressionRatio: env.SPREADSHEET_MAX_COMPRESSION_RATIO,
  };
}

/**
 * Reads an uploaded spreadsheet for an import and runs `reader` (the import's layout reader) over
 * its sheets, both in the spreadsheet worker thread, off the API's event loop. Call it only once
 * the actor's right to the target is established: reading is the expensive part, and a refused
 * request must not pay for it. A file beyond a limit is 413 naming the limit; one that cannot be
 * read, or holds a control character, is 400 (the latter naming its cell).
 */
export async function readUpload<T>(file: UploadedSheet, env: AppEnv, reader: ReaderRef): Promise<T> {
  if (file.buffer.length > MAX_IMPORT_BYTES)
    throw new DomainError(ErrorCode.TooLarge, `文件超过 ${MAX_IMPORT_BYTES / MiB} MB 上限`);
  try {
    return await readInWorker<T>(file.buffer, file.filename, uploadLimits(env), reader);
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error;
    if (error.code === 'TOO_LARGE')
      throw new DomainError(ErrorCode.TooLarge, error.message, [{ field: 'file', reason: error.message }]);
    throw DomainError.validation(error.message, [{ field: error.cell ?? 'file', reason: error.message }]);
  }
}
