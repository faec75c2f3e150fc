import type { Aggregation, Direction } from '../entities/indicator.entity.js';

/**
 * Sensible settings for an indicator first met in a spreadsheet; the office can change them.
 * Rankings are lower-is-better; percentages, intensities and per-capita figures are ratios that
 * are never summed across counties.
 */
export function indicatorDefaults(
  name: string,
  unitOfMeasure: string,
): { direction: Direction; aggregation: Aggregation; maxValue: string | null } {
  if (/排名|排位|位次/.test(name)) return { direction: 'lower', aggregation: 'latest', maxValue: null };
  if (unitOfMeasure === '%')
    return { direction: 'higher', aggregation: 'ratio', maxValue: /增长|增速/.test(name) ? null : '100' };
  if (/强度|比重|占比|拥有量|万人|人均|率/.test(name))
    return { direction: 'higher', aggregation: 'ratio', maxValue: null };
  return { direction: 'higher', aggregation: 'additive', maxValue: null };
}
