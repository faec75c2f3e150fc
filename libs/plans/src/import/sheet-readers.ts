// The plan imports' layout readers as the spreadsheet worker runs them (see readInWorker): each
// takes every sheet of the upload and returns the first sheet its layout recognises.
import type { Grid, ReaderRef } from '@app/spreadsheets';
import { readBreakdownSheet } from '../spreadsheets/breakdown-sheet.js';
import { readGoalSheet } from '../spreadsheets/goal-sheet.js';
import { readProjectSheet } from '../spreadsheets/project-sheet.js';
import { readTaskSheet } from '../spreadsheets/task-sheet.js';
import type { ParsedSheet } from '@app/spreadsheets';

/** The first sheet the layout recognises (the office may keep notes on other sheets). */
function pickSheet<T>(grids: Grid[], read: (grid: Grid) => ParsedSheet<T>): ParsedSheet<T> {
  const parsed = grids.map(read);
  return parsed.find((p) => p.rows.length > 0) ?? parsed[0]!;
}

export const tasks = (grids: Grid[]) => pickSheet(grids, readTaskSheet);
export const projects = (grids: Grid[]) => pickSheet(grids, readProjectSheet);
export const goals = (grids: Grid[]) => pickSheet(grids, readGoalSheet);
export const breakdown = (grids: Grid[]) => pickSheet(grids, readBreakdownSheet);

export const sheetReader = (kind: 'tasks' | 'projects' | 'goals' | 'breakdown'): ReaderRef => ({
  module: import.meta.url,
  reader: kind,
});
