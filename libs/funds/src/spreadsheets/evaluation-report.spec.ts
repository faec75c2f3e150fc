import { describe, expect, it } from '@jest/globals';
import { writeEvaluationReportXlsx } from './evaluation-report.js';
import { mergesOf, writtenGrids, writtenWorkbook } from './spec-helpers.js';
import type { EvaluationReportTable } from './types.js';

const REPORT: EvaluationReportTable = {
  title: '市级科技发展专项资金绩效评价结果表',
  subtitle: '（2023年度）',
  rows: [
    {
      level1: '产出指标',
      level2: '数量指标',
      level3: '企业研发费用后补助项目数',
      points: '10',
      score: '10',
      scoreRate: '100',
      reason: '',
    },
    {
      level1: '产出指标',
      level2: '数量指标',
      level3: '新认定高企入库数',
      points: '10',
      score: '8.5',
      scoreRate: '85',
      reason: '完成440户，未达到453户',
    },
    {
      level1: '产出指标',
      level2: '质量指标',
      level3: '项目验收合格率',
      points: '20',
      score: '19.25',
      scoreRate: '96.25%',
      reason: '一个项目整改后验收',
    },
    {
      level1: '效益指标',
      level2: '经济效益指标',
      level3: '技术合同登记额',
      points: '30',
      score: '30',
      scoreRate: '100',
      reason: '',
    },
    {
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level3: '项目补助企业满意度',
      points: '30',
      score: '',
      scoreRate: '',
      reason: '待问卷',
    },
  ],
  total: { points: '100', score: '67.75', scoreRate: '67.75' },
  grade: '中',
  footer: [
    '说明：得分率＝得分÷分值。',
    '评价等次：90分（含）以上为优，80（含）—90分为良，60（含）—80分为中，60分以下为差。',
  ],
  timestamp: new Date(Date.UTC(2024, 2, 31)),
};

describe('writeEvaluationReportXlsx', () => {
  it('prints the table, the 合计 and 评价等次 rows and the footer', async () => {
    const [sheet] = await writtenGrids(await writeEvaluationReportXlsx(REPORT));
    expect(sheet!.sheet).toBe('绩效评价');
    expect(sheet!.cells.map((r) => r.join('|'))).toEqual([
      '市级科技发展专项资金绩效评价结果表||||||',
      '（2023年度）||||||',
      '一级指标|二级指标|三级指标|分值|得分|得分率|扣分原因',
      '产出指标|数量指标|企业研发费用后补助项目数|10.00|10.00|100.00%|',
      '||新认定高企入库数|10.00|8.50|85.00%|完成440户，未达到453户',
      '|质量指标|项目验收合格率|20.00|19.25|96.25%|一个项目整改后验收',
      '效益指标|经济效益指标|技术合同登记额|30.00|30.00|100.00%|',
      '满意度指标|服务对象满意度指标|项目补助企业满意度|30.00|||待问卷',
      '合计|||100.00|67.75|67.75%|',
      '评价等次|||中|||',
      '||||||',
      '说明：得分率＝得分÷分值。||||||',
      '评价等次：90分（含）以上为优，80（含）—90分为良，60（含）—80分为中，60分以下为差。||||||',
    ]);
  });

  it('writes numbers as number cells with two decimals and the rate as a percentage cell', async () => {
    const sheet = (await writtenWorkbook(await writeEvaluationReportXlsx(REPORT))).worksheets[0]!;
    expect([sheet.getCell('D5').value, sheet.getCell('D5').numFmt]).toEqual([10, '0.00']);
    expect([sheet.getCell('E6').value, sheet.getCell('E6').numFmt]).toEqual([19.25, '0.00']);
    expect([sheet.getCell('F6').value, sheet.getCell('F6').numFmt]).toEqual([0.9625, '0.00%']);
    expect([sheet.getCell('F9').value, sheet.getCell('F9').numFmt]).toEqual([0.6775, '0.00%']);
    expect(sheet.getCell('E8').value).toBeNull();
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.getCell('A3').fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(sheet.getCell('G5').border?.right?.style).toBe('thin');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  it('merges 一级 / 二级 over their rows, the 合计 and 评价等次 labels and the footer paragraphs', async () => {
    const sheet = (await writtenWorkbook(await writeEvaluationReportXlsx(REPORT))).worksheets[0]!;
    expect(mergesOf(sheet)).toEqual(
      ['A1:G1', 'A2:G2', 'A4:A6', 'B4:B5', 'A9:C9', 'A10:C10', 'D10:G10', 'A12:G12', 'A13:G13'].sort(),
    );
  });

  it('keeps text that is not a number as text', async () => {
    const report = { ...REPORT, rows: [{ ...REPORT.rows[0]!, score: '不适用', scoreRate: '—' }] };
    const sheet = (await writtenWorkbook(await writeEvaluationReportXlsx(report))).worksheets[0]!;
    expect([sheet.getCell('E4').value, sheet.getCell('F4').value]).toEqual(['不适用', '—']);
  });

  it('gives the same bytes for the same report and timestamp', async () => {
    expect((await writeEvaluationReportXlsx(REPORT)).equals(await writeEvaluationReportXlsx(REPORT))).toBe(true);
  });
});
