/*
 * An official document (公文) as the renderers see it: the bulletin, the year-end results notice and
 * the fund evaluation report are each built into this one model, which the .docx renderer lays out
 * by GB/T 9704-2012 and the PDF renderer prints with the platform's other PDFs.
 */

/** A table: header cells, body rows, and which columns hold figures (right-aligned, never wrapped). */
export interface DocumentTable {
  headers: string[];
  rows: string[][];
  /** Indexes of numeric columns. */
  numeric?: number[];
  /** Relative column widths; equal when omitted. */
  widths?: number[];
  /** A line under the table (a legend, a source). */
  note?: string;
}

export type DocumentBlock =
  /** 一、… in 黑体. */
  | { kind: 'heading1'; text: string }
  /** （一）… in 楷体. */
  | { kind: 'heading2'; text: string }
  /** Body text in 仿宋, first line indented two characters. */
  | { kind: 'paragraph'; text: string }
  /** Text the author still has to write: printed as a bracketed prompt the office replaces. */
  | { kind: 'placeholder'; text: string }
  | { kind: 'table'; table: DocumentTable };

export interface OfficialDocument {
  /**
   * 'notice': a 公文 issued under the red masthead with 文号 and 版记 (bulletins, results notices);
   * 'report': a report annexed to a letter (an evaluation report): title, body, signature and date only.
   */
  kind: 'notice' | 'report';
  /** File metadata and the PDF's title. */
  title: string;
  /** 发文机关标志, e.g. 赣州市科技创新赋能行动领导小组办公室. */
  issuer: string;
  /**
   * 发文字号 as the office will fill it in, e.g. '〔2023〕  号': the office adds its 机关代字 and number.
   * Null for documents that carry none (a report annexed to a letter).
   */
  docNumber: string | null;
  /** 主送机关 line, ending with a full-width colon; null when the document has none. */
  recipients: string | null;
  blocks: DocumentBlock[];
  /** 成文日期 as printed under the signature, e.g. '2023年  月  日' (a placeholder the office completes). */
  dateLine: string;
  /** 抄送 line of the 版记, without the leading 抄送：; null for none. */
  copyTo: string | null;
  /** The instant the content was computed; stamped as the file's creation time. */
  createdAt: Date;
}
