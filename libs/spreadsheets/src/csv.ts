import { CsvError, parse } from 'csv-parse/sync';
import { SpreadsheetError } from './errors.js';

/**
 * RFC 4180 CSV (csv-parse): comma-separated, fields optionally quoted with `"` (`""` inside a
 * quoted field is one quote), records end with CRLF, LF or CR, a quoted field may contain line
 * breaks, an empty line is a record of one empty field. An optional UTF-8 BOM is dropped and a final
 * line break does not start an empty record. Lenient where the RFC is strict: a quote inside an
 * unquoted field is kept as text, and rows may differ in length.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The row the office sees when it opens the file (a record; a quoted line break does not start one).
    const row = (error as CsvError & { records?: number }).records;
    const where = row === undefined ? '' : `第 ${row + 1} 行`;
    throw new SpreadsheetError(
      'CORRUPT',
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `CSV 文件${where}的引号没有闭合，请检查后重新上传`
        : `CSV 文件${where}格式有误，请检查后重新上传`,
    );
  }
}

/** One CSV field, quoted only when it has to be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as CSV text with CRLF line endings and no BOM, the way the reference tables are stored. */
export function formatCsv(records: string[][]): string {
  return records.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
