import type { LeafInput, UnitInput } from './types.js';

/** Why a leaf was given in full, shown in its explanation. */
export const UNMEASURED_TIER_EVIDENCE = '本类别均无此项数据，按满分计';

function isNotMeasurable(input: LeafInput | undefined): boolean {
  return typeof input === 'object' && input !== null && 'notMeasurable' in input && input.notMeasurable === true;
}

/**
 * A leaf no unit of a tier can be measured on (no county of 三类 has an indicator with a target, say)
 * does not tell the tier's units apart: everyone in the tier gets it in full, which leaves their ranks
 * as the other leaves make them. Where some are measured, the rest keep `notMeasurable` and get the
 * tier average from the evaluation. The full mark is written as a `rate` input (1 of 1), so this
 * applies to schemes whose platform-fed leaves are `rate` leaves, as the quarterly progress scheme's are.
 * Returns new inputs; the given ones are left as they are.
 */
export function fullMarksForUnmeasuredTiers(units: readonly UnitInput[]): UnitInput[] {
  const out = units.map((u) => ({ ...u, leaves: { ...u.leaves } }));
  for (const tier of new Set(out.map((u) => u.tier))) {
    const members = out.filter((u) => u.tier === tier);
    const leafIds = new Set(members.flatMap((u) => Object.keys(u.leaves)));
    for (const leafId of leafIds) {
      if (!members.every((u) => isNotMeasurable(u.leaves[leafId]))) continue;
      for (const u of members)
        (u.leaves as Record<string, LeafInput>)[leafId] = {
          actual: 1,
          planned: 1,
          evidence: [UNMEASURED_TIER_EVIDENCE],
        };
    }
  }
  return out;
}
