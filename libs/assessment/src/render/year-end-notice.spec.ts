import { describe, expect, it } from '@jest/globals';
import { type NoticeInput, type NoticeRow, yearEndNoticeDocument } from './year-end-notice.js';

const row = (unitName: string, rank: number, extra: Partial<NoticeRow> = {}): NoticeRow => ({
  rank,
  unitName,
  total: (100 - rank).toFixed(2),
  subtotals: ['55.00', '20.00', '12.00'],
  bonus: '3.00',
  penalty: '0.00',
  grade: '良好',
  commended: false,
  admonished: false,
  vetoed: false,
  vetoNotes: [],
  ...extra,
});

const input = (overrides: Partial<NoticeInput> = {}): NoticeInput => ({
  schemeName: '2023年县（市、区）年终考评',
  year: 2023,
  cityName: '赣州市',
  issuer: '赣州市科技创新赋能行动领导小组办公室',
  subjectKind: 'county',
  revision: 1,
  columns: ['指标完成情况（60分）', '政策支持（25分）', '综合评价（15分）'],
  tiers: [
    {
      label: '一类县（市、区）',
      rows: [
        row('章贡区', 1, { commended: true, grade: '优秀' }),
        row('南康区', 2, { commended: true }),
        row('龙南市', 3, { vetoed: true, vetoNotes: ['重大科研诚信问题：论文造假被通报'], grade: null }),
        row('瑞金市', 4, { admonished: true }),
      ],
    },
    { label: '二类县（市、区）', rows: [row('信丰县', 1, { commended: true })] },
  ],
  appealUntil: '2024-01-30T09:00:00.000Z',
  approvedAt: '2024-01-25T02:00:00.000Z',
  ...overrides,
});

const text = (doc: ReturnType<typeof yearEndNoticeDocument>) =>
  doc.blocks.map((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.join('|')).join('\n') : b.text)).join('\n');

describe('the year-end results notice', () => {
  it('prints each tier’s table with its remarks, the commended and admonished, the veto and the appeal deadline', () => {
    const doc = yearEndNoticeDocument(input());
    expect(doc.title).toBe('关于2023年度科技创新赋能行动县（市、区）考评结果的通报');
    expect(doc.docNumber).toBe('〔2024〕  号');
    expect(doc.dateLine).toBe('2024年  月  日');
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
    const all = text(doc);
    expect(all).toContain('1|章贡区|55.00|20.00|12.00|3.00|0.00|99.00|优秀|通报表扬');
    expect(all).toContain('3|龙南市|55.00|20.00|12.00|3.00|0.00|97.00|—|一票否决');
    expect(all).toContain('4|瑞金市|55.00|20.00|12.00|3.00|0.00|96.00|良好|约谈');
    expect(all).toContain('对各类别排名前列的章贡区、南康区、信丰县予以通报表扬。');
    expect(all).toContain('对各类别排名末位的瑞金市');
    expect(all).toContain('龙南市（重大科研诚信问题：论文造假被通报）');
    expect(all).toContain('请于2024年1月30日前通过平台提出申诉');
    expect(doc.blocks.filter((b) => b.kind === 'heading2').map((b) => b.kind === 'heading2' && b.text)).toEqual([
      '（一）一类县（市、区）',
      '（二）二类县（市、区）',
    ]);
  });

  it('says a corrected revision replaces the earlier one, and departments get no commendation section', () => {
    const doc = yearEndNoticeDocument(
      input({ subjectKind: 'department', revision: 2, tiers: [{ label: '市直单位', rows: [row('市科技局', 1)] }] }),
    );
    const all = text(doc);
    expect(all).toContain('第2版考评结果，经申诉复核更正');
    expect(all).not.toContain('表扬');
    expect(all).toContain('本年度未发生一票否决情形。');
    expect(doc.blocks.filter((b) => b.kind === 'heading1').map((b) => b.kind === 'heading1' && b.text)).toEqual([
      '一、考评结果',
      '二、一票否决情况',
      '三、结果申诉',
    ]);
  });

  it('says so when nothing is approved instead of printing empty tables', () => {
    const doc = yearEndNoticeDocument(input({ tiers: [] }));
    expect(text(doc)).toContain('本次考评暂无已审定的单位结果。');
    expect(doc.blocks.some((b) => b.kind === 'table')).toBe(false);
  });
});
