import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '@app/common';
import type { BudgetProjectKind as Kind } from '../views.js';

export const BudgetProjectKind = { Recurring: 'recurring', OneOff: 'one_off' } as const satisfies Record<string, Kind>;
export type BudgetProjectKind = Kind;
export const budgetProjectKinds = Object.values(BudgetProjectKind);

/**
 * A budget project (预算项目) such as a city's science fund: who owns it, where its money comes
 * from, and what it must achieve. Amounts are 万元 with two decimals; the annual budget is the
 * sum of the sources, computed by PostgreSQL so it can never disagree with them.
 */
@Entity('budget_projects')
@Index('uq_budget_projects_name', ['cityId', 'year', 'name'], { unique: true })
export class BudgetProject extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  /** 主管部门: the department that spends the fund and reports on it. */
  @Column({ type: 'uuid', name: 'owner_unit_id' })
  ownerUnitId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 10, default: BudgetProjectKind.Recurring })
  kind!: BudgetProjectKind;

  /** 项目类型 as the target table typed it (常年安排项目, 延续性项目); `kind` is what it maps to. */
  @Column({ type: 'varchar', length: 50, name: 'kind_text', default: '' })
  kindText!: string;

  /** 项目级次: 市级, 省级 … as the finance bureau writes it. */
  @Column({ type: 'varchar', length: 20, default: '市级' })
  level!: string;

  @Column({ type: 'smallint', name: 'start_year' })
  startYear!: number;

  @Column({ type: 'smallint', name: 'end_year' })
  endYear!: number;

  /** 开始时间 / 完成时间 as typed (2023年1月, 2023-01); the years above are parsed from them. */
  @Column({ type: 'varchar', length: 30, name: 'start_text', default: '' })
  startText!: string;

  @Column({ type: 'varchar', length: 30, name: 'end_text', default: '' })
  endText!: string;

  /** 实施单位 as typed: who carries the project out (text, not a unit of the register). */
  @Column({ type: 'text', name: 'implementing_unit', default: '' })
  implementingUnit!: string;

  /** 立项必要性. */
  @Column({ type: 'text', default: '' })
  necessity!: string;

  /** 实施可行性. */
  @Column({ type: 'text', default: '' })
  feasibility!: string;

  /** 项目实施内容. */
  @Column({ type: 'text', name: 'implementation_content', default: '' })
  implementationContent!: string;

  @Column({ type: 'varchar', length: 100, name: 'person_in_charge', default: '' })
  personInCharge!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'general_budget', default: 0 })
  generalBudget!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'government_funds', default: 0 })
  governmentFunds!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'special_accounts', default: 0 })
  specialAccounts!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'state_capital', default: 0 })
  stateCapital!: string;

  /** 社会保障基金. */
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'social_security_funds', default: 0 })
  socialSecurityFunds!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'carried_over', default: 0 })
  carriedOver!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'other_funds', default: 0 })
  otherFunds!: string;

  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    name: 'annual_budget',
    generatedType: 'STORED',
    asExpression:
      'general_budget + government_funds + special_accounts + state_capital + social_security_funds + carried_over + other_funds',
    insert: false,
    update: false,
  })
  annualBudget!: string;

  /** 半年计划执行数: what should be spent by 30 June. */
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'half_year_plan', default: 0 })
  halfYearPlan!: string;

  /** 全年（程）预算数: normally the annual budget; null when no table has stated it. */
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'full_year_budget', nullable: true })
  fullYearBudget!: string | null;

  @Column({ type: 'text', name: 'mid_long_term_goal', default: '' })
  midLongTermGoal!: string;

  @Column({ type: 'text', name: 'annual_goal', default: '' })
  annualGoal!: string;

  @VersionColumn({ default: 1 })
  version!: number;
}
