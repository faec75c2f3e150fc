import { parseDecimal, type Dec, type NumberLike } from '../../../decimal.js';
import type { GradeBand } from '../../types.js';

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 — the common bands; a scheme may set its own. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { label: '优', min: 90 },
  { label: '良', min: 80 },
  { label: '中', min: 60 },
  { label: '差' },
];

export interface CompiledGradeBand {
  label: string;
  /** null for the last, catch-all band. */
  min: Dec | null;
}

/** The first band whose minimum the total reaches; bands are ordered from the highest down. */
export function gradeFor(total: Dec | NumberLike, bands: readonly CompiledGradeBand[]): string {
  const value = typeof total === 'object' ? total : parseDecimal(total);
  if (value === null) throw new RangeError(`无法识别的总分：${String(total)}`);
  for (const band of bands) {
    if (band.min === null || value.gte(band.min)) return band.label;
  }
  // Validated bands always end with a catch-all; this keeps the function total for hand-made ones.
  return bands[bands.length - 1]?.label ?? '';
}
