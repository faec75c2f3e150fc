import { beforeAll, describe, expect, it } from '@jest/globals';
import { fixtureGrids } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';
import type { ParsedTargetWorkbook } from './types.js';

// fixtures/corpus/office-typed-fund-targets.xlsx (scripts/corpus/build_office_targets.py): three
// 项目支出绩效目标表 typed with openpyxl as an office fills in the form, not by our writer.

describe('a workbook of target tables as an office types it', () => {
  let parsed: ParsedTargetWorkbook;
  beforeAll(async () => {
    parsed = readTargetTables(await fixtureGrids('corpus/office-typed-fund-targets.xlsx'));
  });

  it('reads three tables, one on its own tab and two stacked on another, skipping the blank placeholder rows', () => {
    expect(parsed.problems).toEqual([]);
    expect(
      parsed.tables.map((t) => [t.sheet, t.startRow, t.layout, t.header.projectName, t.indicators.map((i) => i.row)]),
    ).toEqual([
      ['科技创新券', 1, 'half-and-full', '科技创新券补助项目', [24, 25, 27, 28, 29, 30, 31]],
      ['人才与平台', 1, 'half-and-full', '科技人才引育项目', [23, 24, 26, 27, 28]],
      ['人才与平台', 31, 'operator-columns', '科普惠民工程', [53, 54, 56, 57, 58, 59]],
    ]);
  });

  it('keeps every header field, label by label, as typed', () => {
    const [voucher, talent, outreach] = parsed.tables.map((t) => t.header);
    expect(voucher).toEqual({
      projectName: '科技创新券补助项目',
      year: 2023,
      department: '南昌市科学技术局',
      implementingUnit: '南昌市生产力促进中心',
      kindText: '常年安排项目',
      kind: 'recurring',
      level: '市本级',
      start: { text: '2023年1月', year: 2023 },
      end: { text: '2023年12月', year: 2023 },
      necessity: '科技型中小企业研发投入不足、购买科技服务成本较高，需要以创新券方式降低企业创新成本。',
      feasibility: '《南昌市科技创新券管理办法》已印发，服务机构库和线上兑付平台已建成运行。',
      implementationContent:
        '一是面向科技型中小企业发放科技创新券；\n二是对企业购买检验检测、研发设计等科技服务的费用按比例兑付。',
      amount: '500.00',
      sources: { generalBudget: '420.00', carriedOver: '80.00' },
      halfYearPlan: '250',
      fullYearBudget: '500',
      midLongTermGoal: '通过科技创新券降低科技型中小企业的创新成本，引导企业购买科技服务，提升企业创新能力。',
      annualGoal: '2023年发放科技创新券，支持300家以上科技型中小企业购买检验检测、研发设计等科技服务。',
    });
    expect(talent).toMatchObject({
      projectName: '科技人才引育项目',
      implementingUnit: '南昌市科学技术局人才与国际合作处',
      kindText: '延续性项目',
      kind: 'recurring',
      level: '市级',
      start: { text: '2023-01', year: 2023 },
      end: { text: '2025-12', year: 2025 },
      amount: '350.00',
      sources: { generalBudget: '300.00', socialSecurityFunds: '50.00' },
      halfYearPlan: '150',
      fullYearBudget: '350',
    });
    expect(outreach).toMatchObject({
      projectName: '科普惠民工程',
      implementingUnit: '南昌市科学技术协会',
      kindText: '一次性项目',
      kind: 'one_off',
      level: '市本级',
      start: { text: '2023年3月1日', year: 2023 },
      end: { text: '2023年11月30日', year: 2023 },
      implementationContent: '开展科普进社区、进校园活动，建设科普阵地。',
      amount: '80.00',
      sources: { generalBudget: '60.00', otherFunds: '20.00' },
      halfYearPlan: '30',
      fullYearBudget: '80',
    });
    expect(parsed.tables[1]!.cells).toMatchObject({
      socialSecurityFunds: { row: 15, label: '社会保障基金' },
      halfYearPlan: { row: 18, label: '半年计划执行数' },
    });
  });

  it('reads the targets as typed, 一级 / 二级 merged down the placeholder rows', () => {
    const texts = parsed.tables.map((t) =>
      t.indicators.map((i) => [i.value.level1, i.value.level2, i.value.level3, i.value.text?.half, i.value.text?.full]),
    );
    expect(texts[0]).toEqual([
      ['产出指标', '数量指标', '创新券支持企业数', '≥150家', '≥300家'],
      ['产出指标', '数量指标', '入库服务机构数', '≥20个', '≥40个'],
      ['产出指标', '质量指标', '创新券兑付准确率', '＝100%', '＝100%'],
      ['产出指标', '时效指标', '创新券兑付完成时间', '', '≤2023年12月31日'],
      ['产出指标', '成本指标', '资金支出进度', '序时进度', '＝100%'],
      ['效益指标', '社会效益指标', '科技服务规范性', '规范', '规范'],
      ['满意度指标', '服务对象满意度指标', '受益企业满意度', '', '≥90%'],
    ]);
    expect(texts[2]!.map((t) => t[4])).toEqual(['≥30场', '＝5个', '≥10000人次', '≤2023年11月30日', '明显提升', '≥90%']);
    expect(parsed.tables[0]!.indicators[4]!.value.halfYear).toEqual({ kind: 'pace' });
  });
});
