import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SpreadsheetError } from '../errors.js';
import { megabytes, type ReadBudget, tooLarge } from '../limits.js';

/** A workbook is a few dozen parts; a central directory listing thousands is not one. */
const MAX_ENTRIES = 10_000;
/** The compression ratio is judged only past this much output: tiny parts compress oddly. */
const RATIO_GRACE_BYTES = 1024 * 1024;
const STORED = 0;
const DEFLATED = 8;

export interface ZipPackage {
  /** The stored name of a part, found case-insensitively (OPC part names are case-insensitive). */
  find(path: string): string | undefined;
  /** The inflated bytes of a part, chunk by chunk, counted against the budget as they come. */
  read(path: string): AsyncGenerator<Buffer>;
}

/**
 * Opens an archive from its central directory (yauzl), so parts are read in the order the
 * workbook needs them whatever order the ZIP stores them in. Nothing the archive declares about
 * sizes is trusted: bytes are counted while they inflate, and the read stops as soon as a part,
 * the archive or the compression ratio passes its limit.
 */
export async function openZip(buffer: Buffer, budget: ReadBudget): Promise<ZipPackage> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    throw new SpreadsheetError('CORRUPT');
  }
  if (zip.entryCount > MAX_ENTRIES) throw tooLarge('maxEntries', `工作簿包含的文件超过 ${MAX_ENTRIES} 个上限`);
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      const key = partKey(entry.fileName);
      // Two entries of one name let two readers see two different workbooks in one file.
      if (entries.has(key)) throw new SpreadsheetError('CORRUPT');
      entries.set(key, entry);
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('CORRUPT');
  }
  return {
    find: (path) => entries.get(partKey(path))?.fileName,
    read: (path) => {
      const entry = entries.get(partKey(path));
      if (!entry) throw new SpreadsheetError('CORRUPT');
      return inflateEntry(zip, entry, budget);
    },
  };
}

function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

async function* inflateEntry(zip: ZipFile, entry: Entry, budget: ReadBudget): AsyncGenerator<Buffer> {
  if (entry.isEncrypted() || (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED))
    throw new SpreadsheetError('CORRUPT');
  const meter = new EntryMeter(entry.fileName, budget);
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch {
    throw new SpreadsheetError('CORRUPT');
  }
  let checksum = 0;
  try {
    if (entry.compressionMethod === STORED) {
      let consumed = 0;
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        consumed += chunk.length;
        meter.add(chunk.length, consumed);
        checksum = crc32(chunk, checksum);
        yield chunk;
      }
    } else {
      const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
      raw.once('error', (error) => inflater.destroy(error));
      raw.pipe(inflater);
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          // bytesWritten is what zlib has consumed, not what is queued for it: the true ratio so far.
          meter.add(chunk.length, inflater.bytesWritten);
          checksum = crc32(chunk, checksum);
          yield chunk;
        }
      } finally {
        raw.unpipe(inflater);
        inflater.destroy();
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('CORRUPT');
  } finally {
    raw.destroy();
  }
  if (checksum >>> 0 !== entry.crc32 >>> 0) throw new SpreadsheetError('CORRUPT');
}

class EntryMeter {
  private inflated = 0;
  private readonly name: string;

  constructor(
    name: string,
    private readonly budget: ReadBudget,
  ) {
    // The name goes into a message shown to the user: keep it short and printable.
    // eslint-disable-next-line no-control-regex
    this.name = name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 80);
  }

  add(bytes: number, consumed: number): void {
    const { maxEntryInflatedBytes, maxInflatedBytes, maxCompressionRatio } = this.budget.limits;
    this.inflated += bytes;
    this.budget.inflatedBytes += bytes;
    if (this.inflated > maxEntryInflatedBytes)
      throw tooLarge(
        'maxEntryInflatedBytes',
        `工作簿中的“${this.name}”解压后超过 ${megabytes(maxEntryInflatedBytes)} 上限`,
      );
    if (this.budget.inflatedBytes > maxInflatedBytes)
      throw tooLarge('maxInflatedBytes', `工作簿解压后超过 ${megabytes(maxInflatedBytes)} 上限`);
    if (this.inflated > RATIO_GRACE_BYTES && this.inflated > maxCompressionRatio * Math.max(consumed, 1)) {
      throw tooLarge(
        'maxCompressionRatio',
        `工作簿中的“${this.name}”压缩比超过 ${maxCompressionRatio} 倍上限，疑似压缩炸弹`,
      );
    }
  }
}
