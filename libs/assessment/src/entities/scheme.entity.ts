import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';
import type { FundLeafSource, Scheme as ScoringScheme } from '@app/domain';

export const SchemeKind = { Quarterly: 'quarterly', County: 'county', Department: 'department', Fund: 'fund' } as const;
export type SchemeKind = (typeof SchemeKind)[keyof typeof SchemeKind];
export const schemeKinds = Object.values(SchemeKind);

export const SchemeStatus = { Draft: 'draft', Active: 'active', Frozen: 'frozen' } as const;
export type SchemeStatus = (typeof SchemeStatus)[keyof typeof SchemeStatus];

/**
 * One version of an assessment scheme (考评方案): the criteria tree as validated data for the
 * scoring library, and where each leaf's input comes from. A scheme used by a published result is
 * frozen; changing it makes a new version.
 */
@Entity('schemes')
@Index('uq_schemes_version', ['cityId', 'code', 'version'], { unique: true })
export class Scheme extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: SchemeKind;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 8, default: SchemeStatus.Draft })
  status!: SchemeStatus;

  /** The scheme the scoring library validated before it was stored (criteria, rules, bonus, penalties, vetoes, grades). */
  @Column({ type: 'jsonb' })
  definition!: ScoringScheme;

  /** Leaf id → where its input comes from in the platform (indicator progress, timeliness …). */
  @Column({ type: 'jsonb', name: 'input_map', default: () => "'{}'" })
  inputMap!: Record<string, LeafSource>;
}

/** Where a leaf's input is taken from; only judgement leaves take typed (manual) input. */
export type LeafSource =
  | { type: 'indicatorProgress' }
  | { type: 'taskProgress' }
  | { type: 'timeliness' }
  | { type: 'lateReports' }
  | { type: 'indicatorValue'; indicatorName: string }
  | { type: 'manual' }
  | FundLeafSource;
