import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { PlanAccess, saveReminderRule } from '@app/plans';
import { type ReminderRule, validateReminderRule } from './reminder-rule.js';

/** A plan's reminder offsets, send time, escalation delay and nudge interval. */
@Injectable()
export class ReminderRuleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
  ) {}

  async get(actor: Actor, planId: string): Promise<ReminderRule> {
    const plan = await this.access.readable(actor, planId);
    const checked = validateReminderRule(plan.reminderRule ?? {});
    return checked.ok ? checked.rule : (validateReminderRule({}) as { ok: true; rule: ReminderRule }).rule;
  }

  async set(actor: Actor, planId: string, raw: unknown): Promise<ReminderRule> {
    const checked = validateReminderRule(raw);
    if (!checked.ok)
      throw DomainError.validation(
        '提醒规则有误',
        checked.errors.map((e) => ({ field: e.field, reason: e.reason })),
      );
    await this.dataSource.transaction(async (m) => {
      const plan = await this.access.editable(actor, planId, m);
      await saveReminderRule(m, plan, { ...checked.rule });
    });
    return checked.rule;
  }
}
