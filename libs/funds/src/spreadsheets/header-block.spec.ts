import { describe, expect, it } from '@jest/globals';
import { grid } from './spec-helpers.js';
import { readTargetTables } from './target-tables.js';

describe('header block cells', () => {
  it('records the row of the 主管部门 it took, so a problem with it points at that cell and not the title', () => {
    const parsed = readTargetTables([
      grid(
        [
          ['项目支出绩效目标表', '', ''],
          ['项目名称', '科技创新券项目', ''],
          ['实施单位', '南昌市科技局', ''],
          ['主管部门', '南昌市科枝局', ''],
          ['一级指标', '二级指标', '三级指标', '全年（程）指标值'],
          ['产出指标', '数量指标', '支持企业数', '≥300家'],
        ],
        ['B2:C2', 'B3:C3', 'B4:C4'],
        '科技项目',
      ),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tables[0]).toMatchObject({ sheet: '科技项目', startRow: 1, departmentRow: 4, header: { department: '南昌市科枝局' } });
  });
});
