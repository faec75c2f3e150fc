import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keepArtifact, keepPageImages } from '../../libs/assessment/src/render/testing/artifacts.js';
import { inspectDocx } from '../../libs/assessment/src/render/testing/docx-inspect.js';
import { docxToPdf } from '../../libs/assessment/src/render/testing/libreoffice.js';
import { pdfPages } from '../../libs/assessment/src/render/testing/pdf-inspect.js';
import { startApi, type TestApi } from '../setup/api.js';

const OUTLINE = [
  '一、基本情况',
  '二、绩效评价工作开展情况',
  '三、综合评价情况及评价结论',
  '四、绩效评价指标分析',
  '五、主要经验及做法、存在的问题及原因分析',
  '六、有关建议',
  '七、其他需要说明的问题',
];

/**
 * The fund evaluation report as a report (财预〔2020〕10号 参考提纲), from the demo's scored evaluation on
 * its year-end date: computed parts from the platform, the evaluator's sections written in the app.
 */
describe('the fund evaluation report', () => {
  let api: TestApi;
  let office: string;
  let fund: string;

  beforeAll(async () => {
    api = await startApi({ demo: 'year-end' });
    office = await api.login('nc-office');
    const list = await api.http().get('/api/fund-projects').set('Authorization', office).expect(200);
    fund = list.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金').id;
  });
  afterAll(async () => {
    await api.close();
  });

  const report = async (format: 'docx' | 'pdf', who = office) =>
    Buffer.from(
      (
        await api
          .http()
          .get(`/api/fund-projects/${fund}/evaluation/report.${format}`)
          .set('Authorization', who)
          .responseType('blob')
          .expect(200)
      ).body as ArrayBuffer,
    );

  it('follows the outline: computed parts filled, the evaluator’s sections marked until written', async () => {
    const docx = await inspectDocx(await report('docx'));
    const text = docx.paragraphs.join('\n');
    expect(docx.paragraphs.filter((p) => OUTLINE.includes(p))).toEqual(OUTLINE);
    expect(docx.paragraphs).toContain('2023年度市级科技发展专项资金绩效评价报告');
    expect(text).toContain('年度预算58600.00万元');
    expect(text).toContain('预算执行率95.00%');
    expect(text).toMatch(/综合得分\d+\.\d{2}分，评价等次为“优”/);
    expect(text).toContain('【待评价人员填写：有关建议】');
    // 指标分析: the leaves that lost points give their reasons; the targets table names the misses.
    const rows = docx.tables.flat();
    const target = rows.find((r) => r.includes('新增重大科技项目立项数'))!;
    expect(target).toEqual(expect.arrayContaining(['部分完成', '4个项目因合作单位调整延至2024年立项']));
    expect(rows.some((r) => r.some((c) => c.includes('新增重大科技项目立项数（4个项目因合作单位调整')))).toBe(true);
    expect(rows.some((r) => r[0] === '效益' || r.includes('效益'))).toBe(true);
    // No red masthead and no 文号 on a report.
    expect(text).not.toContain('文件\n');
  });

  it('carries what the evaluator writes, refuses an over-long section, and lets only the fund’s managers write', async () => {
    const put = (body: object, who = office) =>
      api.http().put(`/api/fund-projects/${fund}/evaluation/narrative`).set('Authorization', who).send(body);
    const bad = await put({ suggestions: '建'.repeat(5001) }).expect(400);
    expect(bad.body.details[0].field).toBe('suggestions');
    await put({ suggestions: '建议' }, await api.login('nc-kjj')).expect(403);
    await put({ suggestions: '建议' }, await api.login('office')).expect(404);
    const saved = await put({
      suggestions: '加快重大专项立项进度，完善合作单位调整的备案机制。',
      other: '无',
    }).expect(200);
    expect(saved.body.narrative).toMatchObject({
      suggestions: '加快重大专项立项进度，完善合作单位调整的备案机制。',
      other: '无',
    });
    // A field left out keeps what was written.
    await put({ problems: '个别项目立项滞后。' }).expect(200);
    const bytes = await report('docx');
    const docx = await inspectDocx(bytes);
    expect(docx.paragraphs).toContain('加快重大专项立项进度，完善合作单位调整的备案机制。');
    expect(docx.paragraphs).toContain('个别项目立项滞后。');
    expect(docx.paragraphs).not.toContain('【待评价人员填写：有关建议】');

    // The same report as PDF, by the platform's PDF path; and the .docx as LibreOffice prints it.
    const pdf = await pdfPages(await report('pdf', await api.login('nc-kjj')));
    const all = pdf.map((p) => p.text).join('');
    for (const heading of OUTLINE) expect(all).toContain(heading);
    expect(all).toContain('加快重大专项立项进度');
    const printed = await docxToPdf(bytes);
    expect((await pdfPages(printed)).length).toBeGreaterThanOrEqual(3);
    await keepArtifact('documents/fund-evaluation-report.docx', bytes);
    await keepPageImages('fund-evaluation-report', printed);
  });
});
