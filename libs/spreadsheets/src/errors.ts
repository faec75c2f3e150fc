export type SpreadsheetErrorCode = 'WRONG_TYPE' | 'CORRUPT' | 'EMPTY' | 'TOO_LARGE' | 'CONTROL_CHARACTER';

const messages: Record<SpreadsheetErrorCode, string> = {
  WRONG_TYPE: '文件类型不支持，请上传 .xlsx 或 .csv 文件',
  CORRUPT: '文件已损坏或不是有效的 Excel 工作簿',
  EMPTY: '文件为空',
  TOO_LARGE: '文件内容超过导入上限',
  CONTROL_CHARACTER: '单元格含有不可见的控制字符',
};

/** Where the problem is: the limit that was passed, or the cell (`Sheet1!B3`) that holds it. */
export interface SpreadsheetErrorPlace {
  limit?: string;
  cell?: string;
}

/** A file that cannot be read as a spreadsheet at all (as opposed to a cell problem). */
export class SpreadsheetError extends Error {
  readonly limit?: string;
  readonly cell?: string;

  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string = messages[code],
    place: SpreadsheetErrorPlace = {},
  ) {
    super(message);
    this.name = 'SpreadsheetError';
    this.limit = place.limit;
    this.cell = place.cell;
  }
}
