import { describe, expect, it } from '@jest/globals';
import { D } from '../decimal.js';
import { competitionRanks, rankWithinTiers, type RankingEntry } from './ranking.js';

const entries = (tier: string, totals: Record<string, string>, vetoed: string[] = []): RankingEntry[] =>
  Object.entries(totals).map(([unitId, total]) => ({ unitId, tier, total, vetoed: vetoed.includes(unitId) }));

const pick = (
  m: Map<string, { rank: number | null; commended: boolean | null; admonished: boolean | null }>,
  key: 'rank' | 'commended' | 'admonished',
) => Object.fromEntries([...m].map(([id, o]) => [id, o[key]]));

describe('competitionRanks', () => {
  it.each([
    { totals: ['90', '85', '85', '80'], ranks: [1, 2, 2, 4] },
    { totals: ['80', '85', '90', '85'], ranks: [4, 2, 1, 2] },
    { totals: ['70', '70', '70'], ranks: [1, 1, 1] },
    { totals: ['59.70', '59.7', '59.69'], ranks: [1, 1, 3] },
    { totals: [], ranks: [] },
  ])('$totals ⇒ $ranks', ({ totals, ranks }) => {
    expect(competitionRanks(totals.map((t) => new D(t)))).toEqual(ranks);
  });
});

describe('rankWithinTiers', () => {
  it('ranks each tier on its own', () => {
    const m = rankWithinTiers([...entries('一类', { a: '90', b: '80' }), ...entries('二类', { c: '70', d: '75' })]);
    expect(pick(m, 'rank')).toEqual({ a: 1, b: 2, c: 2, d: 1 });
    expect(pick(m, 'commended')).toEqual({ a: null, b: null, c: null, d: null });
  });

  it('commends the top three and admonishes the last', () => {
    const m = rankWithinTiers(entries('一类', { a: '95', b: '90', c: '85', d: '80', e: '75' }), { commendation: true });
    expect(pick(m, 'commended')).toEqual({ a: true, b: true, c: true, d: false, e: false });
    expect(pick(m, 'admonished')).toEqual({ a: false, b: false, c: false, d: false, e: true });
  });

  it('commends everyone tied at the cut', () => {
    const m = rankWithinTiers(entries('一类', { a: '95', b: '90', c: '85', d: '85', e: '75' }), { commendation: true });
    expect(pick(m, 'rank')).toEqual({ a: 1, b: 2, c: 3, d: 3, e: 5 });
    expect(pick(m, 'commended')).toEqual({ a: true, b: true, c: true, d: true, e: false });
  });

  it('skips a vetoed unit and re-ranks the others for commendation', () => {
    const m = rankWithinTiers(entries('一类', { a: '95', b: '90', c: '85', d: '80', e: '75' }, ['a']), {
      commendation: true,
    });
    expect(pick(m, 'rank')).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5 });
    expect(pick(m, 'commended')).toEqual({ a: false, b: true, c: true, d: true, e: false });
  });

  it('admonishes every unit tied last, vetoed or not', () => {
    const m = rankWithinTiers(entries('三类', { a: '95', b: '70', c: '70', d: '80' }, ['c']), { commendation: true });
    expect(pick(m, 'admonished')).toEqual({ a: false, b: true, c: true, d: false });
  });

  it('admonishes nobody when the whole tier is tied', () => {
    const m = rankWithinTiers(entries('三类', { a: '70', b: '70' }), { commendation: true });
    expect(pick(m, 'admonished')).toEqual({ a: false, b: false });
    expect(pick(m, 'commended')).toEqual({ a: true, b: true });
  });

  // The lowest and the highest total are found wherever they stand in the input.
  it.each([
    { order: ['a', 'b', 'c'] },
    { order: ['b', 'c', 'a'] },
    { order: ['c', 'a', 'b'] },
    { order: ['c', 'b', 'a'] },
  ])('ranks, commends and admonishes alike in the order $order', ({ order }) => {
    const totals: Record<string, string> = { a: '80', b: '95', c: '70' };
    const m = rankWithinTiers(
      order.map((unitId) => ({ unitId, tier: '一类', total: totals[unitId]! })),
      { commendation: true, commendationTopN: 1 },
    );
    expect(pick(m, 'rank')).toEqual({ a: 2, b: 1, c: 3 });
    expect(pick(m, 'commended')).toEqual({ a: false, b: true, c: false });
    expect(pick(m, 'admonished')).toEqual({ a: false, b: false, c: true });
  });

  it('takes another N', () => {
    const m = rankWithinTiers(entries('一类', { a: '95', b: '90', c: '85' }), {
      commendation: true,
      commendationTopN: 1,
    });
    expect(pick(m, 'commended')).toEqual({ a: true, b: false, c: false });
  });

  it('withholds the ranking of a tier with an incomplete unit', () => {
    const m = rankWithinTiers(
      [
        { unitId: 'a', tier: '一类', total: '90' },
        { unitId: 'b', tier: '一类', total: '80', complete: false },
        { unitId: 'c', tier: '二类', total: '80' },
      ],
      { commendation: true },
    );
    expect(m.get('a')).toEqual({ rank: null, commended: null, admonished: null });
    expect(m.get('c')).toEqual({ rank: 1, commended: true, admonished: false });
  });
});
