import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { renderBulletinXlsx } from './bulletin-xlsx.js';
import { upgradeBulletinSnapshot } from './bulletin-snapshot-upgrade.js';
import { bulletinFixture, legacyBulletinSnapshot } from './testing/bulletin.fixture.js';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  return cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
}

/** Row number of the first row whose column B holds `name`. */
function rowOf(sheet: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && !row.getCell(2).isMerged && row.getCell(2).value === name) found = row;
  });
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

describe('renderBulletinXlsx', () => {
  it('writes the ranking, lagging-task and late-unit sheets', async () => {
    const workbook = await read(await renderBulletinXlsx(bulletinFixture()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['排名', '滞后事项', '迟报单位']);
    expect(workbook.creator).toBe('赣州市科技创新赋能行动领导小组办公室');
    expect(workbook.created.toISOString()).toBe('2023-04-14T17:30:00.000Z');

    const ranking = workbook.getWorksheet('排名');
    if (!ranking) throw new Error('no 排名 sheet');
    expect(ranking.getCell('A1').value).toBe('2023年第一季度科技创新赋能行动县（市、区）推进情况通报');
    expect(ranking.getCell('A1').isMerged).toBe(true);
    expect(ranking.getCell('H1').master.address).toBe('A1');
    expect(ranking.getCell('A1').font.name).toBe('宋体');
    expect(ranking.getCell('A2').value).toBe('赣州市科技创新赋能行动领导小组办公室　2023年4月15日');
    expect(ranking.getCell('A4').value).toBe('一类县（市、区）（6个）');
    expect(ranking.getCell('H4').master.address).toBe('A4');
    expect(ranking.getRow(5).values).toEqual([
      undefined,
      '名次',
      '县（市、区）',
      '总分（分）',
      '指标进度（60分）',
      '任务进度（25分）',
      '报送及时率（15分）',
      '较上季度',
      '预警',
    ]);
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });

    // tier 1: ties ranked 1, 2, 2, 4
    const ranks = [6, 7, 8, 9, 10, 11].map((r) => ranking.getCell(r, 1).value);
    expect(ranks).toEqual([1, 2, 2, 4, 5, 6]);
    const kaifa = rowOf(ranking, '赣州经开区');
    expect(kaifa.getCell(3).value).toBe(92.5);
    expect(kaifa.getCell(3).numFmt).toBe('0.00');
    expect(kaifa.getCell(4).value).toBe(55.2);
    expect(kaifa.getCell(7).value).toBe('↑1');
    expect(kaifa.getCell(8).value).toBe('绿灯');
    expect(fillOf(kaifa.getCell(8))).toBe('FF00B050');
    expect(rowOf(ranking, '赣州蓉江新区').getCell(7).value).toBe('↓1');
    expect(rowOf(ranking, '章贡区').getCell(7).value).toBe('持平');
    expect(rowOf(ranking, '章贡区').getCell(3).value).toBe(88.1);
    const longnan = rowOf(ranking, '龙南市');
    expect(longnan.getCell(7).value).toBe('新');
    expect(longnan.getCell(8).value).toBe('红灯');
    expect(fillOf(longnan.getCell(8))).toBe('FFFF0000');
    const nankang = rowOf(ranking, '南康区');
    expect(nankang.getCell(8).value).toBe('黄灯');
    expect(fillOf(nankang.getCell(8))).toBe('FFFFFF00');
    expect(kaifa.getCell(3).border.top?.style).toBe('thin');

    // every tier has its heading, and all 20 counties appear once
    const names: string[] = [];
    ranking.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && v !== '县（市、区）' && !row.getCell(2).isMerged && row.number > 2) names.push(v);
    });
    expect(names).toHaveLength(20);
    expect(names).toContain('赣县区（赣州高新区）');
    const headings: unknown[] = [];
    ranking.eachRow((row) => {
      if (row.getCell(1).isMerged && row.number > 2) headings.push(row.getCell(1).value);
    });
    expect(headings.slice(0, 3)).toEqual([
      '一类县（市、区）（6个）',
      '二类县（市、区）（6个）',
      '三类县（市、区）（8个）',
    ]);

    const lagging = workbook.getWorksheet('滞后事项');
    if (!lagging) throw new Error('no 滞后事项 sheet');
    expect(lagging.getRow(1).values).toEqual([undefined, '类别', '事项', '单位', '累计完成', '序时进度', '预警']);
    expect(lagging.getCell('A2').value).toBe('任务');
    expect(lagging.getCell('B2').value).toBe('规模以上工业企业研发活动全覆盖');
    expect(lagging.getCell('D2').value).toBe(0.1);
    expect(lagging.getCell('D2').numFmt).toBe('0.00%');
    expect(lagging.getCell('E2').value).toBe(0.5);
    expect(lagging.getCell('F2').value).toBe('红灯');
    expect(fillOf(lagging.getCell('F2'))).toBe('FFFF0000');
    expect(lagging.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // rows 32–35: the projects' investment in 万元 and the indicators in their own units, never as percentages
    expect(lagging.getRow(32).values).toEqual([
      undefined,
      '项目',
      '项目28 赣州稀土新材料产业园标准厂房建设',
      '龙南市',
      8112.15,
      12500,
      '黄灯',
    ]);
    expect(lagging.getCell('D32').numFmt).toBe('0.00"万元"');
    expect(lagging.getCell('E32').numFmt).toBe('0.00"万元"');
    expect(lagging.getCell('D33').value).toBe('未报');
    expect(lagging.getCell('D34').value).toBe(12);
    expect(lagging.getCell('D34').numFmt).toBe('0"家"');
    expect(lagging.getCell('E35').numFmt).toBe('0.00"亿元"');
    expect(lagging.getCell('A37').value).toMatch(/^预警说明：红灯——严重滞后.*黄灯——存在滞后.*绿灯——正常推进/);
    expect(lagging.rowCount).toBe(37);

    const late = workbook.getWorksheet('迟报单位');
    if (!late) throw new Error('no 迟报单位 sheet');
    expect(late.getRow(1).values).toEqual([undefined, '单位', '迟报（次）', '未报（次）', '预警']);
    expect(late.getRow(2).values).toEqual([undefined, '寻乌县', 2, 1, '红灯']);
    expect(fillOf(late.getCell('D4'))).toBe('FFFFFF00');
    expect(late.getCell('A8').value).toMatch(/^预警说明：/);

    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value ?? '')).not.toMatch(/旗|标记/)));
  });

  it('writes a bulletin stored before figures had units with 万元 cells for its project rows', async () => {
    const workbook = await read(await renderBulletinXlsx(upgradeBulletinSnapshot(legacyBulletinSnapshot())));
    const lagging = workbook.getWorksheet('滞后事项');
    expect(lagging?.getCell('B3').value).toBe('项目28 赣州稀土新材料产业园标准厂房建设');
    expect(lagging?.getCell('D3').value).toBe(8112.15);
    expect(lagging?.getCell('D3').numFmt).toBe('0.00"万元"');
    expect(lagging?.getCell('D2').numFmt).toBe('0.00%');
  });

  it('puts the correction note in the subtitle of a revision', async () => {
    const snapshot = bulletinFixture({ revision: 2, correctionReason: '于都县3月份报送数据有误，重新计算。' });
    const ranking = (await read(await renderBulletinXlsx(snapshot))).getWorksheet('排名');
    expect(ranking?.getCell('A2').value).toBe(
      '赣州市科技创新赋能行动领导小组办公室　2023年4月15日　' +
        '第1次修订（第2版）：于都县3月份报送数据有误，重新计算。',
    );
  });

  it('writes placeholder rows when nothing lags', async () => {
    const workbook = await read(await renderBulletinXlsx(bulletinFixture({ lagging: [], lateUnits: [] })));
    expect(workbook.getWorksheet('滞后事项')?.getCell('A2').value).toBe('本季度无滞后事项。');
    expect(workbook.getWorksheet('迟报单位')?.getCell('A2').value).toBe('本季度无迟报、未报单位。');
  });

  it('gives the same bytes for the same snapshot, quickly', async () => {
    const snapshot = bulletinFixture();
    const first = await renderBulletinXlsx(snapshot);
    const second = await renderBulletinXlsx(structuredClone(snapshot));
    expect(first.subarray(0, 2).toString()).toBe('PK');
    expect(second.equals(first)).toBe(true);
    const dates = new Set<string>();
    (await JSZip.loadAsync(first)).forEach((_, entry) => dates.add(entry.date.toISOString()));
    expect([...dates]).toEqual([snapshot.publishedAt]);
  });
});
