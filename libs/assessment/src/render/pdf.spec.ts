import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { collectionFaces, createPdf, drawBarChart, drawTable, finishPdf, writeText } from './pdf.js';
import { TEST_FONT } from './testing/font.js';
import { pageCount, pdfPages } from './testing/pdf-inspect.js';

// Every PDF here is rendered and then parsed by pdf.js; on a busy machine the first parse alone can take seconds.
jest.setTimeout(30_000);

describe('pdf helpers', () => {
  it('finds the faces of a TrueType collection by PostScript name', () => {
    expect(collectionFaces(readFileSync(TEST_FONT))).toEqual(['WenQuanYiMicroHei', 'WenQuanYiMicroHeiMono']);
    expect(() => collectionFaces(Buffer.alloc(16))).toThrow();
  });

  it('selects a face by PostScript or family name and rejects an unknown one', async () => {
    for (const face of ['WenQuanYi Micro Hei', 'WenQuanYiMicroHeiMono']) {
      const doc = createPdf(TEST_FONT, { face, createdAt: new Date(0) });
      writeText(doc, '赣州市');
      const pdf = await finishPdf(doc);
      expect(pdf.toString('latin1')).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${face.replaceAll(' ', '')}\\b`));
    }
    expect(() => createPdf(TEST_FONT, { face: 'SimSun' })).toThrow(/WenQuanYiMicroHei/);
  });

  it('shows a character missing from the font as a .notdef glyph', async () => {
    const doc = createPdf(TEST_FONT, { createdAt: new Date(0) });
    writeText(doc, '对✗错');
    const [page] = await pdfPages(await finishPdf(doc));
    expect(page?.notdef).toBe(1);
  });

  it('continues a long bar chart on the next page and clamps bars to max', async () => {
    const doc = createPdf(TEST_FONT, { createdAt: new Date(0) });
    drawBarChart(doc, {
      title: '得分',
      max: 100,
      bars: Array.from({ length: 60 }, (_, i) => ({
        label: `单位${i + 1}`,
        value: i === 0 ? 130 : 100 - i,
        light: i % 7 === 0 ? ('red' as const) : null,
      })),
      legend: [{ light: 'red', label: '红灯' }],
    });
    const pdf = await finishPdf(doc);
    const pages = await pdfPages(pdf);
    expect(await pageCount(pdf)).toBe(2);
    expect(pages[0]?.runs[0]).toBe('得分');
    expect(pages[1]?.runs[0]).toBe('得分（续）');
    expect(pages.map((p) => p.text).join('')).toContain('单位60');
    expect(pages[1]?.text).toContain('红灯');
  });

  it('cuts a bar label too long for its column with an ellipsis', async () => {
    const doc = createPdf(TEST_FONT, { createdAt: new Date(0) });
    drawBarChart(doc, { title: '得分', max: 100, bars: [{ label: '很长的单位名称'.repeat(12), value: 50 }] });
    const [page] = await pdfPages(await finishPdf(doc));
    const label = page?.runs.find((run) => run.startsWith('很长')) ?? '';
    expect(label).toMatch(/^很长的单位名称.*…$/);
    expect(label.length).toBeLessThan(40);
  });

  it('clips a cell taller than a page instead of looping', async () => {
    const doc = createPdf(TEST_FONT, { createdAt: new Date(0) });
    drawTable(doc, {
      columns: [{ header: '说明' }, { header: '得分', width: 60 }],
      rows: [
        ['很长的说明'.repeat(800), '1.00'],
        ['短', '2.00'],
      ],
    });
    const pdf = await finishPdf(doc);
    expect(await pageCount(pdf)).toBe(2);
    expect((await pdfPages(pdf))[1]?.text).toContain('说明得分短2.00');
  });
});
