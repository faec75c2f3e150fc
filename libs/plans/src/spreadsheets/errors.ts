export type SpreadsheetErrorCode = 'WRONG_TYPE' | 'CORRUPT' | 'EMPTY';

const messages: Record<SpreadsheetErrorCode, string> = {
  WRONG_TYPE: '文件类型不支持，请上传 .xlsx 或 .csv 文件',
  CORRUPT: '文件已损坏或不是有效的 Excel 工作簿',
  EMPTY: '文件为空',
};

/** A file that cannot be read as a spreadsheet at all (as opposed to a cell problem). */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string = messages[code],
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}
