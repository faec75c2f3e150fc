/** One cell-level problem found while reading a sheet. Messages are Chinese (shown to the office). */
export interface CellProblem {
  sheet: string;
  /** 1-based spreadsheet row. */
  row: number;
  /** The header text of the column, e.g. '总投资' (the canonical name, not the cell's line breaks). */
  column: string;
  message: string;
}

export interface ParsedRow<T> {
  /** 1-based first spreadsheet row of the record. */
  row: number;
  value: T;
}

export interface ParsedSheet<T> {
  sheet: string;
  /** Records without problems, in sheet order. A record with a problem is reported, not returned. */
  rows: ParsedRow<T>[];
  problems: CellProblem[];
  /** What the sheet says about itself: title, attachment (附件2), unit (万元), annualYear, layout. */
  meta: Record<string, string>;
}
