import { D, ZERO, publish, toScoreString, type Dec } from '../../../decimal.js';
import { inputCount } from './rules/fields.js';
import type { CompiledEventTable } from './scheme-validator.js';
import type { EventInput, EventSummary, ScoringError } from '../../types.js';

/** Bonus or penalty items of one unit: points per event, each item's own cap, then the table's cap. */
export function summariseEvents(
  table: CompiledEventTable,
  events: readonly EventInput[] | undefined,
  unitId: string,
  what: '加分项' | '扣分项',
  errors: ScoringError[],
): { summary: EventSummary; counted: Dec } {
  const counts = new Map<string, { count: Dec; evidence: string[] }>();
  if (events !== undefined && !Array.isArray(events)) {
    errors.push({ unitId, criterionId: null, reason: `${what}输入必须是数组` });
  } else {
    for (const event of events ?? []) {
      const itemId = typeof event === 'object' && event !== null ? event.itemId : undefined;
      const item = typeof itemId === 'string' ? table.byId.get(itemId) : undefined;
      if (!item) {
        errors.push({
          unitId,
          criterionId: typeof itemId === 'string' ? itemId : null,
          reason: `方案中没有这个${what}`,
        });
        continue;
      }
      const count = inputCount(event.count, `${what}“${item.name}”的次数`);
      if (!count.ok) {
        errors.push({ unitId, criterionId: item.id, reason: count.reason });
        continue;
      }
      const evidence = Array.isArray(event.evidence)
        ? event.evidence.filter((e: unknown): e is string => typeof e === 'string')
        : [];
      const entry = counts.get(item.id) ?? { count: ZERO, evidence: [] };
      entry.count = entry.count.plus(count.value);
      entry.evidence.push(...evidence);
      counts.set(item.id, entry);
    }
  }
  const items = [];
  let before = ZERO;
  for (const item of table.items) {
    const entry = counts.get(item.id);
    if (!entry) continue;
    const raw = entry.count.times(item.points);
    const points = item.cap ? D.min(raw, item.cap) : raw;
    before = before.plus(points);
    items.push({
      itemId: item.id,
      name: item.name,
      count: entry.count.toNumber(),
      pointsEach: toScoreString(item.points),
      points: toScoreString(points),
      evidence: entry.evidence,
    });
  }
  const publishedBefore = publish(before);
  const counted = table.cap ? D.min(publishedBefore, table.cap) : publishedBefore;
  return {
    summary: {
      items,
      beforeCap: toScoreString(publishedBefore),
      cap: table.cap ? toScoreString(table.cap) : null,
      afterCap: toScoreString(counted),
    },
    counted: publish(counted),
  };
}
