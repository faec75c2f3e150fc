import { it } from '@jest/globals';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';

interface ReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Generator<unknown>;
}
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, entry);
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Generator<unknown> {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }
}
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

it('stress', async () => {
  const buf = await readFile(new URL('../../../../fixtures/nanchang-2023-fund-targets-half-year.xlsx', import.meta.url));
  let fails = 0;
  for (let i = 0; i < 1500; i++) {
    try {
      const reader = new Utf8WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      let n = 0;
      for await (const ws of reader) { for await (const row of ws as unknown as AsyncIterable<unknown>) { void row; n++; } }
      if (n === 0) throw new Error('no rows');
    } catch (e) { fails++; console.log('error', e); }
  }
  console.log('fails', fails);
}, 120000);
