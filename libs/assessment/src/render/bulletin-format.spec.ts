import { describe, expect, it } from '@jest/globals';
import {
  chineseDate,
  fullMarks,
  percentText,
  rankChangeText,
  rankText,
  revisionNote,
  worstFlag,
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

  it('keeps the worst flag and formats percentages and full marks', () => {
    expect(worstFlag(['yellow', 'red'])).toBe('red');
    expect(worstFlag(['yellow'])).toBe('yellow');
    expect(worstFlag([])).toBeNull();
    expect(percentText('62.5')).toBe('62.50%');
    expect(percentText('n/a')).toBe('n/a');
    expect(fullMarks(['指标进度（60分）', '任务进度（25分）', '报送及时率（15分）'])).toBe(100);
    expect(fullMarks(['指标进度', '任务进度（25分）'])).toBeNull();
  });
});
