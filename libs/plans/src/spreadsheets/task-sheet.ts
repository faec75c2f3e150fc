import { type Grid, cellAt } from '@app/spreadsheets';
import {
  type ColumnSpec,
  findHeader,
  type HeaderMatch,
  headerProblems,
  isEmptyRow,
  preambleMeta,
  soleCell,
} from '@app/spreadsheets';
import { chineseNumeral, formatLiaison, parseLiaisons, splitUnits } from './text.js';
import { parseInteger } from '@app/spreadsheets';
import type { LiaisonEntry, TaskSheetRow } from './types.js';
import type { CellProblem, ParsedRow, ParsedSheet } from '@app/spreadsheets';
import {
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  headingRow,
  LEFT,
  linesHeight,
  type SheetWriteOptions,
  startSheet,
  styleBody,
  workbookBuffer,
} from '@app/spreadsheets';

type TaskColumn = 'number' | 'section' | 'text' | 'lead' | 'responsible' | 'liaison';

export const TASK_COLUMNS: readonly ColumnSpec<TaskColumn>[] = [
  { key: 'number', label: '序号', required: true },
  { key: 'section', label: '分组', aliases: ['任务分组', '重点任务分组'], required: false },
  { key: 'text', label: '具体任务及要求', aliases: ['具体任务', '任务及要求', '任务内容', '重点任务'], required: true },
  { key: 'lead', label: '牵头单位', required: true },
  { key: 'responsible', label: '责任单位', aliases: ['配合单位'], required: true },
  { key: 'liaison', label: '联络员', aliases: ['联络员单位及科室', '联络员单位', '联络人'], required: false },
];

type ProgrammeColumn = 'section' | 'name' | 'content' | 'lead' | 'responsible';

export const PROGRAMME_COLUMNS: readonly ColumnSpec<ProgrammeColumn>[] = [
  { key: 'section', label: '工程', aliases: ['重点工程'], required: true },
  { key: 'name', label: '任务名称', required: true },
  { key: 'content', label: '具体内容', required: true },
  { key: 'lead', label: '牵头单位', required: true },
  { key: 'responsible', label: '责任单位', aliases: ['配合单位'], required: true },
];

const label = (key: TaskColumn) => TASK_COLUMNS.find((c) => c.key === key)!.label;

interface Draft {
  row: number;
  numberText: string;
  sectionNumber: string;
  section: string;
  text: string;
  leadUnits: string[];
  responsibleUnits: string[];
  liaisons: LiaisonEntry[];
}

const SECTION_NUMBERED = /^[(（]\s*([一二三四五六七八九十百零]+)\s*[)）]\s*(.*)$/s;
const SECTION_LISTED = /^([一二三四五六七八九十百零]+)\s*[、.．]\s*(.*)$/s;

/**
 * 附件1 任务清单. Two layouts:
 * - office: 序号 | 具体任务及要求 | 牵头单位 | 责任单位 | 联络员, merged section rows
 *   "（一）…", a task over several rows (one per liaison) with its first four cells merged or
 *   left blank below the first row; units one per line or separated by 、，or spaces.
 * - flat (ganzhou-2023-tasks.csv): 序号 | 分组 | 具体任务及要求 | 牵头单位 | 责任单位 |
 *   联络员单位及科室, one row per task, lists joined with 、.
 * - programme (洪发〔2023〕10号 三、重点任务): 工程 | 任务名称 | 具体内容 | 牵头单位 | 责任单位, see
 *   readProgrammeSheet.
 * Problems: 序号 empty, not an integer or repeated (on the later one); empty task text; no lead unit.
 */
export function readTaskSheet(grid: Grid): ParsedSheet<TaskSheetRow> {
  const programme = findHeader(grid, PROGRAMME_COLUMNS);
  if (programme && programme.missing.length === 0) return readProgrammeSheet(grid, programme);
  const header = findHeader(grid, TASK_COLUMNS);
  const headerIssues = headerProblems(grid, header, TASK_COLUMNS);
  if (!header || headerIssues.length > 0) {
    return { sheet: grid.sheet, rows: [], problems: headerIssues, meta: header ? preambleMeta(grid, header.row) : {} };
  }
  const columns = header.columns;
  const meta = { ...preambleMeta(grid, header.row), layout: columns.section === undefined ? 'office' : 'flat' };
  const raw = (row: number, key: TaskColumn) => (columns[key] === undefined ? '' : cellAt(grid, row, columns[key]));
  const bodyColumns = new Set((['text', 'lead', 'responsible', 'liaison'] as const).map((k) => columns[k]));

  const sectionNumbers = new Map<string, string>();
  const sectionOf = (heading: string): { number: string; name: string } => {
    const match = SECTION_NUMBERED.exec(heading) ?? SECTION_LISTED.exec(heading);
    const name = (match ? match[2]! : heading).trim();
    const number = match ? match[1]! : (sectionNumbers.get(name) ?? chineseNumeral(sectionNumbers.size + 1));
    if (!sectionNumbers.has(name)) sectionNumbers.set(name, number);
    return { number, name };
  };

  const drafts: Draft[] = [];
  let section = { number: '', name: '' };
  let current: Draft | null = null;
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const sole = soleCell(grid, r);
    const isHeading =
      sole && (bodyColumns.has(sole.column) ? SECTION_NUMBERED.test(sole.text) : parseInteger(sole.text) === null);
    if (sole && isHeading) {
      section = sectionOf(sole.text);
      current = null;
      continue;
    }
    const numberText = raw(r, 'number');
    const text = raw(r, 'text');
    const continues =
      current !== null &&
      ((numberText === '' && text === '') ||
        (numberText === current.numberText && (text === '' || text === current.text)));
    if (current && continues) {
      current.leadUnits = union(current.leadUnits, splitUnits(raw(r, 'lead')));
      current.responsibleUnits = union(current.responsibleUnits, splitUnits(raw(r, 'responsible')));
      current.liaisons.push(...parseLiaisons(raw(r, 'liaison')));
      continue;
    }
    const group = raw(r, 'section');
    const own = group ? sectionOf(group) : section;
    current = {
      row: r + 1,
      numberText,
      sectionNumber: own.number,
      section: own.name,
      text,
      leadUnits: splitUnits(raw(r, 'lead')),
      responsibleUnits: splitUnits(raw(r, 'responsible')),
      liaisons: parseLiaisons(raw(r, 'liaison')),
    };
    drafts.push(current);
  }

  const problems: CellProblem[] = [];
  const rows: ParsedRow<TaskSheetRow>[] = [];
  const seen = new Map<number, number>();
  for (const draft of drafts) {
    const found: CellProblem[] = [];
    const problem = (key: TaskColumn, message: string) =>
      found.push({ sheet: grid.sheet, row: draft.row, column: label(key), message });
    const number = parseInteger(draft.numberText);
    if (draft.numberText === '') problem('number', '序号为空');
    else if (number === null) problem('number', `序号“${draft.numberText}”不是整数`);
    else if (seen.has(number)) problem('number', `序号 ${number} 与第 ${seen.get(number)} 行重复`);
    else seen.set(number, draft.row);
    if (!draft.text) problem('text', '具体任务及要求为空');
    if (draft.leadUnits.length === 0) problem('lead', '缺少牵头单位');
    problems.push(...found);
    if (found.length > 0 || number === null) continue;
    rows.push({
      row: draft.row,
      value: {
        number,
        sectionNumber: draft.sectionNumber,
        section: draft.section,
        text: draft.text,
        leadUnits: draft.leadUnits,
        responsibleUnits: draft.responsibleUnits,
        liaisons: draft.liaisons,
      },
    });
  }
  return { sheet: grid.sheet, rows, problems, meta };
}

/**
 * A plan that lists its tasks under 工程 headings (洪发〔2023〕10号): one task per row, sections in
 * the order 工程 first appears. Tasks are numbered in sheet order, because such documents number
 * their regional items apart (R1–R5 in the reference) or not at all; a 序号 column is ignored.
 * The task's text is 任务名称。具体内容, so its title is the 任务名称 as in the other layouts.
 * Problems: empty 任务名称 or 工程; no lead unit.
 */
function readProgrammeSheet(grid: Grid, header: HeaderMatch<ProgrammeColumn>): ParsedSheet<TaskSheetRow> {
  const columns = header.columns;
  const raw = (row: number, key: ProgrammeColumn) => cellAt(grid, row, columns[key]!);
  const sectionNumbers = new Map<string, string>();
  const problems: CellProblem[] = [];
  const rows: ParsedRow<TaskSheetRow>[] = [];
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const found: CellProblem[] = [];
    const problem = (column: string, message: string) => found.push({ sheet: grid.sheet, row: r + 1, column, message });
    const section = raw(r, 'section');
    const name = raw(r, 'name').replace(/。+$/, '');
    const content = raw(r, 'content');
    const leadUnits = splitUnits(raw(r, 'lead'));
    if (!section) problem('工程', '工程为空');
    if (!name) problem('任务名称', '任务名称为空');
    if (leadUnits.length === 0) problem('牵头单位', '缺少牵头单位');
    problems.push(...found);
    if (found.length > 0) continue;
    if (!sectionNumbers.has(section)) sectionNumbers.set(section, chineseNumeral(sectionNumbers.size + 1));
    rows.push({
      row: r + 1,
      value: {
        number: rows.length + 1,
        sectionNumber: sectionNumbers.get(section)!,
        section,
        text: content ? `${name}。${content}` : name,
        leadUnits,
        responsibleUnits: splitUnits(raw(r, 'responsible')),
        liaisons: [],
      },
    });
  }
  return { sheet: grid.sheet, rows, problems, meta: { ...preambleMeta(grid, header.row), layout: 'programme' } };
}

const PROGRAMME_LAYOUT: ColumnLayout[] = [
  { header: '工程', width: 16 },
  { header: '任务名称', width: 22 },
  { header: '具体内容', width: 62 },
  { header: '牵头单位', width: 16 },
  { header: '责任单位', width: 30 },
];

/** The programme layout: one row per task, the text split back at its first 。, units joined with 、. */
export async function writeProgrammeTaskSheet(rows: TaskSheetRow[], options: SheetWriteOptions): Promise<Buffer> {
  const workbook = createWorkbook(options);
  const { sheet, headerRow } = startSheet(workbook, '重点任务', PROGRAMME_LAYOUT, options);
  let r = headerRow + 1;
  for (const task of rows) {
    const end = task.text.indexOf('。');
    const values = [
      task.section,
      end > 0 ? task.text.slice(0, end) : task.text,
      end > 0 ? task.text.slice(end + 1) : '',
      task.leadUnits.join('、'),
      task.responsibleUnits.join('、'),
    ];
    values.forEach((value, i) => (sheet.getCell(r, i + 1).value = value));
    styleBody(sheet, r, r, [CENTRE, LEFT, LEFT, CENTRE, LEFT]);
    sheet.getRow(r).height = linesHeight(
      Math.max(...values.map((v, i) => estimateLines(v, PROGRAMME_LAYOUT[i]!.width))),
    );
    r++;
  }
  return workbookBuffer(workbook, options);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

const TASK_LAYOUT: ColumnLayout[] = [
  { header: '序号', width: 6 },
  { header: '具体任务及要求', width: 62 },
  { header: '牵头单位', width: 16 },
  { header: '责任单位', width: 18 },
  { header: '联络员', width: 46 },
];

/**
 * The office layout of 附件1: a merged section row whenever the section changes, one row per
 * liaison with 序号, task, lead and responsible units merged down the task's rows, units one per
 * line.
 */
export async function writeTaskSheet(rows: TaskSheetRow[], options: SheetWriteOptions): Promise<Buffer> {
  const workbook = createWorkbook(options);
  const { sheet, headerRow } = startSheet(workbook, '任务清单', TASK_LAYOUT, options);
  const width = TASK_LAYOUT.length;
  let r = headerRow + 1;
  let lastSection: string | null = null;
  for (const task of rows) {
    const sectionKey = `${task.sectionNumber}\u0000${task.section}`;
    if ((task.section || task.sectionNumber) && sectionKey !== lastSection) {
      headingRow(sheet, r, width, task.sectionNumber ? `（${task.sectionNumber}）${task.section}` : task.section);
      r++;
    }
    lastSection = sectionKey;
    const span = Math.max(1, task.liaisons.length);
    sheet.getCell(r, 1).value = task.number;
    sheet.getCell(r, 2).value = task.text;
    sheet.getCell(r, 3).value = task.leadUnits.join('\n');
    sheet.getCell(r, 4).value = task.responsibleUnits.join('\n');
    task.liaisons.forEach((liaison, i) => {
      sheet.getCell(r + i, 5).value = formatLiaison(liaison);
    });
    styleBody(sheet, r, r + span - 1, [CENTRE, LEFT, CENTRE, CENTRE, LEFT]);
    if (span > 1) for (let c = 1; c <= 4; c++) sheet.mergeCells(r, c, r + span - 1, c);
    const blockLines = Math.max(
      estimateLines(task.text, TASK_LAYOUT[1]!.width),
      task.leadUnits.reduce((n, u) => n + estimateLines(u, TASK_LAYOUT[2]!.width), 0),
      task.responsibleUnits.reduce((n, u) => n + estimateLines(u, TASK_LAYOUT[3]!.width), 0),
    );
    for (let i = 0; i < span; i++) {
      const liaisonLines = estimateLines(
        task.liaisons[i] ? formatLiaison(task.liaisons[i]!) : '',
        TASK_LAYOUT[4]!.width,
      );
      sheet.getRow(r + i).height = Math.max(linesHeight(liaisonLines), Math.ceil(linesHeight(blockLines) / span));
    }
    r += span;
  }
  return workbookBuffer(workbook, options);
}
