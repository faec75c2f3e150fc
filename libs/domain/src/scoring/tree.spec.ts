import { describe, expect, it } from '@jest/globals';
import { validateScheme } from './scheme-validator.js';
import { buildTree, leafCriteria, type FlatCriterion } from './tree.js';

const manual = { kind: 'manual' as const };

describe('buildTree', () => {
  it('nests flat rows by parentId, siblings by order', () => {
    const rows: FlatCriterion[] = [
      { id: 'c1.2', parentId: 'c1', name: '二', points: 4, rule: manual, order: 2 },
      { id: 'c1', parentId: null, name: '一级', points: 10 },
      { id: 'c1.1', parentId: 'c1', name: '一', points: 6, rule: manual, order: 1 },
    ];
    const tree = buildTree(rows);
    expect(tree).toEqual({
      ok: true,
      criteria: [
        {
          id: 'c1',
          name: '一级',
          points: 10,
          children: [
            { id: 'c1.1', name: '一', points: 6, rule: manual },
            { id: 'c1.2', name: '二', points: 4, rule: manual },
          ],
        },
      ],
    });
    if (tree.ok) expect(validateScheme({ id: 's', name: 's', total: 10, criteria: tree.criteria }).ok).toBe(true);
  });

  it('detects a cycle', () => {
    const rows: FlatCriterion[] = [
      { id: 'root', parentId: null, name: '根', points: 1, rule: manual },
      { id: 'a', parentId: 'b', name: 'A', points: 1 },
      { id: 'b', parentId: 'c', name: 'B', points: 1 },
      { id: 'c', parentId: 'a', name: 'C', points: 1 },
    ];
    expect(buildTree(rows)).toEqual({
      ok: false,
      errors: [{ path: '[1].parentId', reason: '上级关系形成循环：a → b → c → a' }],
    });
  });

  it('detects a row that is its own parent', () => {
    expect(buildTree([{ id: 'a', parentId: 'a', name: 'A', points: 1 }])).toEqual({
      ok: false,
      errors: [{ path: '[0].parentId', reason: '上级关系形成循环：a → a' }],
    });
  });

  it('rejects duplicate ids and unknown parents', () => {
    const result = buildTree([
      { id: 'a', parentId: null, name: 'A', points: 1 },
      { id: 'a', parentId: null, name: 'A2', points: 1 },
      { id: 'b', parentId: 'zz', name: 'B', points: 1 },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '[1].id', reason: '编号“a”重复' },
        { path: '[2].parentId', reason: '上级指标“zz”不存在' },
      ],
    });
  });
});

describe('leafCriteria', () => {
  it('lists the leaves depth first', () => {
    const tree = [
      {
        id: 'a',
        name: 'A',
        points: 6,
        children: [{ id: 'a.1', name: 'A1', points: 6, rule: { kind: 'manual' as const } }],
      },
      { id: 'b', name: 'B', points: 4, rule: { kind: 'manual' as const } },
    ];
    expect(leafCriteria(tree).map((c) => c.id)).toEqual(['a.1', 'b']);
  });
});
