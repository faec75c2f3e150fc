import { SpreadsheetError } from '../errors.js';
import type { Grid } from '../grid.js';
import { ReadBudget, type SpreadsheetLimits } from '../limits.js';
import { Pacer } from '../pacer.js';
import { readSharedStrings } from './shared-strings.js';
import { readCellFormats } from './styles.js';
import { readWorkbookParts } from './workbook-parts.js';
import { readWorksheet } from './worksheet.js';

import { openZip } from './zip-reader.js';

/**
 * An .xlsx as one Grid per worksheet, in the order of the workbook's tabs. The parts are found
 * through the package's relationships (relative or absolute targets), so neither the order of
 * the ZIP entries nor the numbering of the sheet files matters; each sheet's merged ranges come
 * from its own part. Passing a limit stops the read at once (TOO_LARGE); anything unreadable is
 * CORRUPT.
 */
export async function readXlsx(buffer: Buffer, limits: SpreadsheetLimits): Promise<Grid[]> {
  const budget = new ReadBudget(limits);
  const pacer = new Pacer();
  try {
    const zip = await openZip(buffer, budget);
    const parts = await readWorkbookParts(zip, budget, pacer);
    if (parts.sheets.length === 0) throw new SpreadsheetError('CORRUPT');
    const formats = parts.styles ? await readCellFormats(zip, parts.styles, pacer) : [];
    const strings = parts.sharedStrings ? await readSharedStrings(zip, parts.sharedStrings, budget, pacer) : [];
    const context = { strings, formats, date1904: parts.date1904 };
    const grids: Grid[] = [];
    for (const sheet of parts.sheets) grids.push(await readWorksheet(zip, sheet, context, budget, pacer));
    return grids;
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('CORRUPT');
  }
}
