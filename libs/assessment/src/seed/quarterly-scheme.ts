import type { LeafSource } from '../entities/scheme.entity.js';

/**
 * The default quarterly progress score (domain Decisions): indicator progress against the
 * time-elapsed share of the annual targets (60), task progress against expected completion (25),
 * reporting timeliness (15). Editable as any scheme; each leaf is `rate` over platform data.
 */
export const quarterlyProgressScheme = {
  id: 'quarterly-progress',
  name: '季度推进情况评分',
  total: 100,
  criteria: [
    {
      id: 'q1',
      name: '指标进度',
      points: 60,
      note: '截至季末累计值 ÷（年度目标 × 序时进度），单项封顶 1，取有目标指标的平均',
      rule: { kind: 'rate' },
    },
    {
      id: 'q2',
      name: '任务进度',
      points: 25,
      note: '承担任务的完成进度 ÷ 序时应完成进度，单项封顶 1，取平均',
      rule: { kind: 'rate' },
    },
    { id: 'q3', name: '报送及时率', points: 15, note: '本季度按时报送的份数 ÷ 应报份数', rule: { kind: 'rate' } },
  ],
};

export const quarterlyInputMap: Record<string, LeafSource> = {
  q1: { type: 'indicatorProgress' },
  q2: { type: 'taskProgress' },
  q3: { type: 'timeliness' },
};
