// Shared by the *.spec.ts files of this library: where the fixtures are and how to load them.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Grid, loadGrid } from './grid.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

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

/**
 * A real OLE2 compound file ([MS-CFB] version 3, 512-byte sectors) as Excel 97–2003 writes an .xls:
 * the header, one FAT sector, one directory sector (Root Entry and the given streams) and the
 * streams themselves, each 4096 bytes so it lives in ordinary sectors. `Workbook` starts with a
 * BIFF8 BOF record; an encrypted .xlsx holds `EncryptionInfo` and `EncryptedPackage` instead.
 */
export function compoundFile(streams: string[] = ['Workbook']): Buffer {
  const SECTOR = 512;
  const STREAM = 4096;
  const FREE = 0xffffffff;
  const END_OF_CHAIN = 0xfffffffe;
  const FAT_SECTOR = 0xfffffffd;
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 2^9-byte sectors
  header.writeUInt16LE(6, 32); // 2^6-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory starts at sector 1
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + 4 * i);

  const perStream = STREAM / SECTOR;
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  streams.forEach((_, k) => {
    const first = 2 + k * perStream;
    for (let s = first; s < first + perStream; s++)
      fat.writeUInt32LE(s === first + perStream - 1 ? END_OF_CHAIN : s + 1, 4 * s);
  });

  const directory = Buffer.alloc(SECTOR);
  const entry = (
    index: number,
    name: string,
    type: number,
    fields: { child?: number; right?: number; start: number; size: number },
  ) => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\u0000`, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67); // black
    directory.writeUInt32LE(FREE, at + 68); // left sibling
    directory.writeUInt32LE(fields.right ?? FREE, at + 72);
    directory.writeUInt32LE(fields.child ?? FREE, at + 76);
    directory.writeUInt32LE(fields.start, at + 116);
    directory.writeUInt32LE(fields.size, at + 120);
  };
  entry(0, 'Root Entry', 5, { child: 1, start: END_OF_CHAIN, size: 0 });
  streams.forEach((name, k) =>
    entry(k + 1, name, 2, { right: k + 2 <= streams.length ? k + 2 : FREE, start: 2 + k * perStream, size: STREAM }),
  );
  for (let i = streams.length + 1; i < 4; i++) {
    directory.writeUInt32LE(FREE, i * 128 + 68);
    directory.writeUInt32LE(FREE, i * 128 + 72);
    directory.writeUInt32LE(FREE, i * 128 + 76);
  }

  const data = streams.map((name) => {
    const stream = Buffer.alloc(STREAM);
    if (name === 'Workbook') {
      // BOF: BIFF8 (0x0600), workbook globals (0x0005), then EOF.
      stream.writeUInt16LE(0x0809, 0);
      stream.writeUInt16LE(16, 2);
      stream.writeUInt16LE(0x0600, 4);
      stream.writeUInt16LE(0x0005, 6);
      stream.writeUInt16LE(0x000a, 20);
    }
    return stream;
  });
  return Buffer.concat([header, fat, directory, ...data]);
}
