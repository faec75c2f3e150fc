import type { CountyQuarterInputs } from './quarterly-inputs.js';
import {
  BULLETIN_SNAPSHOT_FORMAT,
  type BulletinLag,
  type BulletinSnapshot,
  type LagKind,
  type TrafficLight,
} from './render/bulletin.types.js';
import { type StoredBulletinSnapshot, upgradeBulletinSnapshot } from './render/bulletin-snapshot-upgrade.js';

/**
 * How a bulletin's snapshot is stored. From format 3 its two long lists are stored as rows of values rather than
 * objects that repeat their keys: the lagging list and the counties' inputs are two thirds of a large city's
 * snapshot (3,000 counties × 20 indicators: 12.5 of 17 MB, 6 MB packed), and serialising and storing them was a
 * third of publishing it. Reading unpacks them into the layout every reader knows, so the API returns the same
 * bulletin whichever format it was stored in; a published snapshot is never rewritten.
 */

/** A bulletin's snapshot as published and read: the presentation part and the inputs (and the results and scheme). */
export type PublishedSnapshot = BulletinSnapshot & { inputs: Record<string, CountyQuarterInputs> };

/**
 * A lagging row: kind, label, unit name, actual and expected value, unit, decimals, light; then the expected
 * figure's unit and decimals, only when they differ from the actual's (the ranking never writes such a row).
 */
type PackedLag =
  | [LagKind, string, string, string | null, string | null, string, number, TrafficLight]
  | [LagKind, string, string, string | null, string | null, string, number, TrafficLight, string, number];

/** A county's inputs: indicators as [name, target, value, ratio], tasks as [label, completion, expected, ratio]. */
interface PackedInputs {
  indicators: [string, string, string | null, string][];
  tasks: [string, string | null, string, string][];
  /** onTime, late, missing. */
  reports: [number, number, number];
}

/** A snapshot as format 3 stores it. */
export type PackedSnapshot = Omit<PublishedSnapshot, 'lagging' | 'inputs'> & {
  lagging: PackedLag[];
  inputs: Record<string, PackedInputs>;
};

function packLag({ kind, label, unitName, actual, expected, light }: BulletinLag): PackedLag {
  const row: PackedLag = [kind, label, unitName, actual.value, expected.value, actual.unit, actual.decimals, light];
  return expected.unit === actual.unit && expected.decimals === actual.decimals
    ? row
    : [...row, expected.unit, expected.decimals];
}

function unpackLag(row: PackedLag): BulletinLag {
  const [kind, label, unitName, actual, expected, unit, decimals, light] = row;
  return {
    kind,
    label,
    unitName,
    actual: { value: actual, unit, decimals },
    expected: { value: expected, unit: row[8] ?? unit, decimals: row[9] ?? decimals },
    light,
  };
}

function packInputs({ indicators, tasks, reports }: CountyQuarterInputs): PackedInputs {
  return {
    indicators: indicators.map((i) => [i.name, i.target, i.value, i.ratio]),
    tasks: tasks.map((t) => [t.label, t.completion, t.expected, t.ratio]),
    reports: [reports.onTime, reports.late, reports.missing],
  };
}

function unpackInputs(unitId: string, { indicators, tasks, reports }: PackedInputs): CountyQuarterInputs {
  return {
    unitId,
    indicators: indicators.map(([name, target, value, ratio]) => ({ name, target, value, ratio })),
    tasks: tasks.map(([label, completion, expected, ratio]) => ({ label, completion, expected, ratio })),
    reports: { onTime: reports[0], late: reports[1], missing: reports[2] },
  };
}

/** The snapshot as it is stored (format 3). */
export function packBulletinSnapshot(snapshot: PublishedSnapshot): PackedSnapshot {
  const inputs: Record<string, PackedInputs> = {};
  for (const unitId in snapshot.inputs) inputs[unitId] = packInputs(snapshot.inputs[unitId]!);
  return { ...snapshot, lagging: snapshot.lagging.map(packLag), inputs };
}

/** A snapshot stored before format 3: its inputs as objects. */
type EarlierSnapshot = Exclude<StoredBulletinSnapshot, BulletinSnapshot> & {
  inputs: Record<string, CountyQuarterInputs>;
};

/** A stored snapshot of any format, read in the current layout. */
export function readBulletinSnapshot(stored: PackedSnapshot | EarlierSnapshot): PublishedSnapshot {
  if (stored.format !== BULLETIN_SNAPSHOT_FORMAT) return upgradeBulletinSnapshot(stored);
  const packed = stored;
  const inputs: Record<string, CountyQuarterInputs> = {};
  for (const unitId in packed.inputs) inputs[unitId] = unpackInputs(unitId, packed.inputs[unitId]!);
  return { ...packed, lagging: packed.lagging.map(unpackLag), inputs };
}
