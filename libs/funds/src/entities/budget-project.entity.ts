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

  /** 项目级次: 市级, 省级 … as the finance bureau writes it. */
  @Column({ type: 'varchar', length: 20, default: '市级' })
  level!: string;

  @Column({ type: 'smallint', name: 'start_year' })
  startYear!: number;

  @Column({ type: 'smallint', name: 'end_year' })
  endYear!: number;

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
    asExpression: 'general_budget + government_funds + special_accounts + state_capital + carried_over + other_funds',
    insert: false,
    update: false,
  })
  annualBudget!: string;

  /** 半年计划执行数: what should be spent by 30 June. */
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'half_year_plan', default: 0 })
  halfYearPlan!: string;

  @Column({ type: 'text', name: 'mid_long_term_goal', default: '' })
  midLongTermGoal!: string;

  @Column({ type: 'text', name: 'annual_goal', default: '' })
  annualGoal!: string;

  @VersionColumn({ default: 1 })
  version!: number;
}
