import { describe, expect, it } from '@jest/globals';
import { bulletinAnnouncement } from './bulletin-announcement.js';
import { BULLETIN_SNAPSHOT_FORMAT, type BulletinSnapshot } from './render/bulletin.types.js';

const row = (rank: number, unitName: string, total: string) => ({
  rank,
  unitName,
  total,
  previousRank: null,
  subtotals: [],
  light: 'green' as const,
});

const snapshot: BulletinSnapshot = {
  format: BULLETIN_SNAPSHOT_FORMAT,
  title: '2023年第一季度科技创新赋能行动县（市、区）推进情况通报',
  cityName: '赣州市',
  issuer: '赣州市科技创新赋能行动领导小组办公室',
  quarterKey: '2023-Q1',
  revision: 1,
  correctionReason: null,
  publishedAt: '2023-04-15T02:00:00Z',
  schemeName: '季度评分',
  schemeVersion: 1,
  columns: [],
  tiers: [
    {
      tier: 1,
      label: '一类县（市、区）',
      rows: [
        row(1, '章贡区', '91.20'),
        row(2, '南康区', '88.00'),
        row(3, '赣县区', '80.10'),
        row(4, '信丰县', '70.00'),
      ],
    },
    { tier: 2, label: '二类县（市、区）', rows: [] },
  ],
  lagging: [],
  lateUnits: [],
};

describe('bulletin announcement', () => {
  it('names the top three of each ranked tier and how much is behind', () => {
    expect(bulletinAnnouncement('b1', 'p1', '赣州市2023年方案', snapshot)).toEqual({
      id: 'b1',
      planId: 'p1',
      planTitle: '赣州市2023年方案',
      title: snapshot.title,
      lines: [
        '一类县（市、区）：1. 章贡区（91.20分）；2. 南康区（88.00分）；3. 赣县区（80.10分）',
        '滞后事项 0 项，逾期或未报送单位 0 家',
      ],
      path: '/bulletins',
    });
  });

  it('says so when nothing could be ranked, and marks a correction', () => {
    const empty = { ...snapshot, tiers: [], revision: 2, correctionReason: '补录数据' };
    expect(bulletinAnnouncement('b2', 'p1', '方案', empty).lines).toEqual([
      '更正（第 2 版）：补录数据',
      '本季度暂无可排名的数据',
      '滞后事项 0 项，逾期或未报送单位 0 家',
    ]);
  });
});
