// Shared by the *.spec.ts files of this folder: where the fixtures are and how to load them.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Grid, loadGrid } from '@app/spreadsheets';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

export function fixtureBuffer(name: string): Promise<Buffer> {
  return readFile(`${FIXTURES_DIR}${name}`);
}

/** The first sheet of a checked-in .xlsx fixture, or of a reference CSV (`source/…`). */
export async function fixtureGrid(name: string): Promise<Grid> {
  const grids = await loadGrid(await fixtureBuffer(name), name);
  return grids[0]!;
}

export async function csvGrid(text: string, filename = 'test.csv'): Promise<Grid> {
  const grids = await loadGrid(Buffer.from(text, 'utf8'), filename);
  return grids[0]!;
}

export async function firstGrid(buffer: Buffer): Promise<Grid> {
  const grids = await loadGrid(buffer, 'written.xlsx');
  return grids[0]!;
}

/** Bytes from a fixed-seed generator: not UTF-8, not a ZIP, the same on every run. */
export function noiseBytes(length: number, seed = 20230410): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  out[0] = 0xff;
  return out;
}
