// The fund imports' layout readers as the spreadsheet worker of @app/spreadsheets runs them (readUpload):
// every sheet of the upload in, plain rows and problems out.
import type { Grid, ReaderRef } from '@app/spreadsheets';
import { readActualsSheet, readTargetTables } from './spreadsheets/index.js';

/** Every target table of every sheet, and the first sheet's name for a problem about the whole workbook. */
export const targetTables = (grids: Grid[]) => ({ parsed: readTargetTables(grids), firstSheet: grids[0]?.sheet ?? '' });

/** The filled-in template: its first sheet. */
export const actuals = (grids: Grid[]) => readActualsSheet(grids[0]!);

export const fundReader = (reader: 'targetTables' | 'actuals'): ReaderRef => ({ module: import.meta.url, reader });
