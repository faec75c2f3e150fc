import { describe, expect, it } from '@jest/globals';
import {
  LIGHT_NOTE,
  LIGHT_TEXT,
  chineseDate,
  fullMarks,
  quantityCell,
  quantityText,
  rankChangeText,
  rankText,
  revisionNote,
} from './bulletin-format.js';
import { bulletinFixture } from './testing/bulletin.fixture.js';

describe('bulletin wording', () => {
  it('prints the publication day in Asia/Shanghai', () => {
    expect(chineseDate('2023-04-15T02:00:00Z')).toBe('2023年4月15日');
    expect(chineseDate('2023-04-14T16:00:00Z')).toBe('2023年4月15日'); // midnight in Shanghai
    expect(chineseDate('2023-04-14T15:59:59Z')).toBe('2023年4月14日');
    expect(() => chineseDate('soon')).toThrow(RangeError);
  });

  it('describes the change of rank since last quarter', () => {
    expect(rankChangeText({ rank: 1, previousRank: 3 })).toBe('↑2');
    expect(rankChangeText({ rank: 4, previousRank: 3 })).toBe('↓1');
    expect(rankChangeText({ rank: 2, previousRank: 2 })).toBe('持平');
    expect(rankChangeText({ rank: 2, previousRank: null })).toBe('新');
    expect(rankChangeText({ rank: 0, previousRank: 2 })).toBe('—');
    expect(rankText(0)).toBe('—');
  });

  it('notes a correction with its reason, counting corrections from revision 2', () => {
    expect(revisionNote(bulletinFixture())).toBeNull();
    expect(revisionNote(bulletinFixture({ revision: 2, correctionReason: '数据有误' }))).toBe(
      '第1次修订（第2版）：数据有误',
    );
    expect(revisionNote(bulletinFixture({ revision: 3, correctionReason: null }))).toBe(
      '第2次修订（第3版）：未注明原因',
    );
  });

  it('prints every figure with its own unit and places', () => {
    expect(quantityText({ value: '62.5', unit: '%', decimals: 2 })).toBe('62.50%');
    expect(quantityText({ value: '8112.15', unit: '万元', decimals: 2 })).toBe('8112.15万元');
    expect(quantityText({ value: '12500', unit: '万元', decimals: 2 })).toBe('12500.00万元');
    expect(quantityText({ value: '20.5', unit: '家', decimals: 0 })).toBe('21家');
    expect(quantityText({ value: '3', unit: '', decimals: 0 })).toBe('3');
    expect(quantityText({ value: null, unit: '万元', decimals: 2 })).toBe('未报');
    expect(quantityText({ value: '预估2.0以上', unit: '亿元', decimals: 2 })).toBe('预估2.0以上');
  });

  it('gives spreadsheet cells numbers whose format shows the unit', () => {
    expect(quantityCell({ value: '62.5', unit: '%', decimals: 2 })).toEqual({ value: 0.625, numFmt: '0.00%' });
    expect(quantityCell({ value: '8112.15', unit: '万元', decimals: 2 })).toEqual({
      value: 8112.15,
      numFmt: '0.00"万元"',
    });
    expect(quantityCell({ value: '12', unit: '家', decimals: 0 })).toEqual({ value: 12, numFmt: '0"家"' });
    expect(quantityCell({ value: null, unit: '万元', decimals: 2 })).toEqual({ value: '未报', numFmt: '@' });
  });

  it('words the lights as traffic lights, never as flags, and explains each', () => {
    expect(Object.values(LIGHT_TEXT)).toEqual(['红灯', '黄灯', '绿灯']);
    for (const text of Object.values(LIGHT_TEXT)) expect(LIGHT_NOTE).toContain(text);
    expect(LIGHT_NOTE).not.toMatch(/旗|标记/);
  });

  it('sums the full marks the columns name', () => {
    expect(fullMarks(['指标进度（60分）', '任务进度（25分）', '报送及时率（15分）'])).toBe(100);
    expect(fullMarks(['指标进度', '任务进度（25分）'])).toBeNull();
  });
});
