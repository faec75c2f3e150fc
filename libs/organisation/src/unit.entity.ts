import { Column, DeleteDateColumn, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const UnitKind = {
  Province: 'province',
  City: 'city',
  LeadershipGroup: 'leadership_group',
  Office: 'office',
  Department: 'department',
  County: 'county',
  Enterprise: 'enterprise',
  Institution: 'institution',
  SubUnit: 'sub_unit',
} as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];
export const unitKinds = Object.values(UnitKind);

export const unitKindLabels: Record<UnitKind, string> = {
  province: '省',
  city: '市',
  leadership_group: '领导小组',
  office: '领导小组办公室',
  department: '市直单位',
  county: '县（市、区）',
  enterprise: '企业集团',
  institution: '事业单位/科研院所',
  sub_unit: '下属单位',
};

/**
 * An organisation in the tree. `path` is the chain of ancestor ids ("/a/b/c/") so a whole
 * subtree is one indexed prefix query; `cityId` is the nearest city ancestor (itself for a city).
 * Codes are unique within a city (each city keeps its own coding), and city roots' codes across
 * the deployment, since they name the cities on the platform.
 */
@Entity('units')
@Index('uq_units_city_code', ['cityId', 'code'], { unique: true, where: 'deleted_at IS NULL' })
@Index('uq_units_city_root_code', ['code'], { unique: true, where: "kind = 'city' AND deleted_at IS NULL" })
export class Unit extends BaseEntity {
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100, name: 'short_name' })
  shortName!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: UnitKind;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'uuid', name: 'city_id', nullable: true })
  cityId!: string | null;

  /** Other names the same organisation goes by in documents, e.g. 章贡区人民政府 for 章贡区. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * Set on a city root by the platform: the city's users cannot sign in and its scheduled jobs
   * skip it; its data stays. Only city roots carry it (a check in the schema).
   */
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @DeleteDateColumn({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}

/** The root of a city's tree: its own city. Its kind and place are the platform's to decide. */
export function isCityRoot(unit: Pick<Unit, 'id' | 'kind' | 'cityId'>): boolean {
  return unit.kind === UnitKind.City || unit.cityId === unit.id;
}

/**
 * Where a new unit sits in the tree: its path extends its parent's, and its city is itself when it
 * is a city, else its parent's.
 */
export function placeUnit(
  id: string,
  kind: UnitKind,
  parent: Pick<Unit, 'id' | 'path' | 'cityId'> | null | undefined,
): Pick<Unit, 'parentId' | 'path' | 'cityId'> {
  return {
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    cityId: kind === UnitKind.City ? id : (parent?.cityId ?? null),
  };
}
