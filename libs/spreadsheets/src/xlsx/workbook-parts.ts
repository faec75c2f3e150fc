import { SpreadsheetError } from '../errors.js';
import { type ReadBudget, tooLarge } from '../limits.js';
import type { Pacer } from '../pacer.js';
import { attribute, parseXml } from './xml-stream.js';
import type { ZipPackage } from './zip-reader.js';

export interface SheetPart {
  name: string;
  /** The worksheet's part in the archive, e.g. `xl/worksheets/sheet3.xml`. */
  path: string;
}

/** Where a workbook's parts are, found through its relationships, never by guessing file names. */
export interface WorkbookParts {
  /** Worksheets in the order of the workbook's tabs (chart and dialog sheets left out). */
  sheets: SheetPart[];
  sharedStrings: string | null;
  styles: string | null;
  /** Dates count from 1904 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
}

interface Relationship {
  type: string;
  /** The target as a part path, or null for an external target (a hyperlink, a linked file). */
  path: string | null;
}

const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/worksheet$/;
const SHARED_STRINGS = /\/sharedStrings$/;
const STYLES = /\/styles$/;

export async function readWorkbookParts(zip: ZipPackage, budget: ReadBudget, pacer: Pacer): Promise<WorkbookParts> {
  const root = zip.find('_rels/.rels') ? await readRelationships(zip, '', pacer) : new Map<string, Relationship>();
  const workbook = [...root.values()].find((r) => OFFICE_DOCUMENT.test(r.type) && r.path)?.path ?? 'xl/workbook.xml';
  if (!zip.find(workbook)) throw new SpreadsheetError('CORRUPT');
  const { sheets, date1904 } = await readWorkbookXml(zip, workbook, budget, pacer);
  const relationships = zip.find(relationshipsPath(workbook))
    ? await readRelationships(zip, workbook, pacer)
    : new Map<string, Relationship>();
  const parts: SheetPart[] = [];
  for (const sheet of sheets) {
    const rel = relationships.get(sheet.relationshipId);
    if (!rel?.path) throw new SpreadsheetError('CORRUPT');
    if (!WORKSHEET.test(rel.type)) continue;
    if (!zip.find(rel.path)) throw new SpreadsheetError('CORRUPT');
    parts.push({ name: sheet.name, path: rel.path });
  }
  const partOf = (type: RegExp) =>
    [...relationships.values()].find((r) => type.test(r.type) && r.path && zip.find(r.path))?.path ?? null;
  return { sheets: parts, sharedStrings: partOf(SHARED_STRINGS), styles: partOf(STYLES), date1904 };
}

async function readWorkbookXml(
  zip: ZipPackage,
  path: string,
  budget: ReadBudget,
  pacer: Pacer,
): Promise<{ sheets: { name: string; relationshipId: string }[]; date1904: boolean }> {
  const sheets: { name: string; relationshipId: string }[] = [];
  let date1904 = false;
  await parseXml(
    zip.read(path),
    {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(attributes, 'date1904') ?? '');
        if (name !== 'sheet') return;
        if (sheets.length >= budget.limits.maxSheets)
          throw tooLarge('maxSheets', `工作簿的工作表超过 ${budget.limits.maxSheets} 个上限`);
        const relationshipId = relationshipIdOf(attributes);
        if (!relationshipId) throw new SpreadsheetError('CORRUPT');
        sheets.push({ name: (attributes.name ?? '').trim() || `Sheet${sheets.length + 1}`, relationshipId });
      },
    },
    pacer,
  );
  return { sheets, date1904 };
}

/** `r:id` under whatever prefix the producer bound the relationships namespace to. */
function relationshipIdOf(attributes: Record<string, string>): string | undefined {
  for (const name in attributes) if (name.endsWith(':id')) return attributes[name];
  return attribute(attributes, 'id');
}

async function readRelationships(zip: ZipPackage, source: string, pacer: Pacer): Promise<Map<string, Relationship>> {
  const relationships = new Map<string, Relationship>();
  await parseXml(
    zip.read(relationshipsPath(source)),
    {
      open(name, attributes) {
        if (name !== 'Relationship') return;
        const id = attributes.Id;
        const target = attributes.Target;
        if (!id || target === undefined || relationships.has(id)) return;
        const external = (attributes.TargetMode ?? '').toLowerCase() === 'external';
        relationships.set(id, { type: attributes.Type ?? '', path: external ? null : resolvePartPath(source, target) });
      },
    },
    pacer,
  );
  return relationships;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself ('') → `_rels/.rels`. */
export function relationshipsPath(source: string): string {
  const slash = source.lastIndexOf('/');
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

/**
 * A relationship target as a part path: relative to the folder of the part that holds the
 * relationship (`worksheets/sheet1.xml` from `xl/workbook.xml`), or absolute from the package root
 * (`/xl/worksheets/sheet1.xml`); `.` and `..` resolved, percent-escapes decoded, backslashes
 * (written by some producers) read as slashes. Null when the target leaves the package.
 */
export function resolvePartPath(source: string, target: string): string | null {
  let cleaned = target.replace(/\\/g, '/').split(/[?#]/)[0]!;
  if (/^[a-z][a-z0-9+.-]*:/i.test(cleaned)) return null;
  try {
    cleaned = decodeURIComponent(cleaned);
  } catch {
    /* not percent-encoded after all */
  }
  const base = cleaned.startsWith('/') ? '' : source.slice(0, source.lastIndexOf('/') + 1);
  const segments: string[] = [];
  for (const segment of `${base}${cleaned}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : null;
}
