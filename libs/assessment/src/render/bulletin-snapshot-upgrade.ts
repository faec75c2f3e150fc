import {
  BULLETIN_SNAPSHOT_FORMAT,
  type BulletinRow,
  type BulletinSnapshot,
  type BulletinLag,
  type LateUnit,
  type TrafficLight,
} from './bulletin.types.js';

/** The first snapshot layout: 标记 flags, and lagging figures without units (projects' 万元 only named in the label). */
type LegacyFlag = 'red' | 'yellow';
interface LegacyRow extends Omit<BulletinRow, 'light'> {
  flags: LegacyFlag[];
}
interface LegacyLaggingTask {
  label: string;
  unitName: string;
  actual: string;
  expected: string;
  flag: LegacyFlag;
}
interface LegacyLateUnit extends Omit<LateUnit, 'light'> {
  flag: LegacyFlag;
}
export interface LegacyBulletinSnapshot extends Omit<BulletinSnapshot, 'format' | 'tiers' | 'lagging' | 'lateUnits'> {
  format?: undefined;
  tiers: { tier: number; label: string; rows: LegacyRow[] }[];
  laggingTasks: LegacyLaggingTask[];
  lateUnits: LegacyLateUnit[];
}

/** The second layout: the current one, stored as it reads (format 2). */
export interface SecondBulletinSnapshot extends Omit<BulletinSnapshot, 'format'> {
  format: 2;
}

/**
 * A snapshot as stored before format 3, or one in the current layout: published bulletins are immutable, so any
 * layout may come back from the database.
 */
export type StoredBulletinSnapshot = BulletinSnapshot | SecondBulletinSnapshot | LegacyBulletinSnapshot;

/** How the first layout named a project row: 项目28 …（完成投资，万元）, its figures in 万元. */
const LEGACY_PROJECT_SUFFIX = '（完成投资，万元）';

function lightOf(flags: readonly LegacyFlag[]): TrafficLight {
  return flags.includes('red') ? 'red' : flags.includes('yellow') ? 'yellow' : 'green';
}

function legacyLagging(task: LegacyLaggingTask): BulletinLag {
  const project = task.label.endsWith(LEGACY_PROJECT_SUFFIX);
  const unit = project ? '万元' : '%';
  return {
    kind: project ? 'project' : 'task',
    label: project ? task.label.slice(0, -LEGACY_PROJECT_SUFFIX.length) : task.label,
    unitName: task.unitName,
    actual: { value: task.actual, unit, decimals: 2 },
    expected: { value: task.expected, unit, decimals: 2 },
    light: task.flag,
  };
}

/**
 * Reads a stored snapshot in the current layout. A first-layout snapshot gets traffic lights for its
 * flags (no flag: green) and units for its lagging figures (万元 for the rows it labelled as project
 * investment, % for tasks); every other field, the stored inputs and results included, is kept as it is. A second
 * layout snapshot is the current layout under its own format number.
 */
export function upgradeBulletinSnapshot<Extra extends object>(
  stored: StoredBulletinSnapshot & Extra,
): BulletinSnapshot & Extra {
  if (stored.format === BULLETIN_SNAPSHOT_FORMAT) return stored;
  if (stored.format === 2) return { ...stored, format: BULLETIN_SNAPSHOT_FORMAT };
  const { laggingTasks, tiers, lateUnits, ...rest } = stored;
  const upgraded: BulletinSnapshot = {
    ...rest,
    format: BULLETIN_SNAPSHOT_FORMAT,
    tiers: tiers.map((tier) => ({
      ...tier,
      rows: tier.rows.map(({ flags, ...row }) => ({ ...row, light: lightOf(flags) })),
    })),
    lagging: laggingTasks.map(legacyLagging),
    lateUnits: lateUnits.map(({ flag, ...unit }) => ({ ...unit, light: flag })),
  };
  return { ...rest, ...upgraded } as BulletinSnapshot & Extra;
}
