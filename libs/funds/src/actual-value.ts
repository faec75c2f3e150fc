import { type ActualValue, parseTargetValue, type TargetValue } from '@app/domain';

export type ReadActual = { ok: true; actual: ActualValue & { text: string } } | { ok: false; reason: string };

/**
 * Reads an actual value as written (380项, 100%, 2023年11月30日, 规范) against its target: a number
 * must come with the indicator's unit or none, a date target needs a date, anything reads for a
 * qualitative target. 序时进度 targets take a percentage of progress.
 */
export function readActual(text: string, target: TargetValue, unit: string): ReadActual {
  const written = text.trim();
  if (!written) return { ok: false, reason: '实际完成值为空' };
  switch (target.kind) {
    case 'qualitative':
      return { ok: true, actual: { text: written } };
    case 'date': {
      const parsed = parseTargetValue(written);
      if (!parsed.ok || parsed.target.kind !== 'date')
        return { ok: false, reason: `“${written}”不是日期（如 2023年11月30日）` };
      return { ok: true, actual: { text: written, date: parsed.target.date } };
    }
    case 'numeric':
    case 'pace': {
      const parsed = parseTargetValue(written);
      if (
        !parsed.ok ||
        parsed.target.kind !== 'numeric' ||
        parsed.target.operator !== '=' ||
        /^[≥≤<>＜＞]/.test(written)
      ) {
        return { ok: false, reason: `“${written}”不是数值` };
      }
      const expected = target.kind === 'pace' ? '%' : unit;
      if (parsed.target.unit && parsed.target.unit !== expected) {
        return { ok: false, reason: `单位“${parsed.target.unit}”与指标单位“${expected || '无'}”不一致` };
      }
      return { ok: true, actual: { text: written, value: parsed.target.value } };
    }
  }
}
