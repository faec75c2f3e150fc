import { tooLarge } from '../limits.js';
import { builtInFormat } from './number-format.js';
import type { Pacer } from '../pacer.js';
import { attribute, parseXml } from './xml-stream.js';
import type { ZipPackage } from './zip-reader.js';

/** Excel itself stops at 64,000 cell formats. */
const MAX_CELL_FORMATS = 65_536;

/**
 * The number format code of every cell format (`cellXfs`), by the index a cell's `s` refers to.
 * Nothing else of the styles matters to the text a cell prints.
 */
export async function readCellFormats(zip: ZipPackage, path: string, pacer: Pacer): Promise<string[]> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellFormats = false;
  await parseXml(
    zip.read(path),
    {
      open(name, attributes) {
        if (name === 'numFmt') {
          const id = Number(attribute(attributes, 'numFmtId'));
          const code = attribute(attributes, 'formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (name === 'cellXfs') inCellFormats = true;
        else if (name === 'xf' && inCellFormats) {
          if (formatIds.length >= MAX_CELL_FORMATS)
            throw tooLarge('maxCellFormats', `工作簿的单元格格式超过 ${MAX_CELL_FORMATS} 个上限`);
          formatIds.push(Number(attribute(attributes, 'numFmtId') ?? 0));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellFormats = false;
      },
    },
    pacer,
  );
  return formatIds.map((id) => custom.get(id) ?? builtInFormat(Number.isInteger(id) ? id : 0));
}
