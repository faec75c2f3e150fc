import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { expectedSpending, localDateOf } from '@app/domain';
import { renderFundLag } from '@app/mail';
import {
  cityOffices,
  fundLink,
  InboxRepository,
  NotificationsRepository,
  officeContactLine,
  Outbox,
  ScheduleRunsRepository,
  unitContacts,
} from '@app/notifications';
import { ScheduleName } from '@app/queue';

interface FundMoneyRow {
  projectId: string;
  projectName: string;
  cityId: string;
  unitId: string;
  unitName: string;
  budget: string;
  halfYearPlan: string;
  received: string;
  spent: string;
}

export interface LaggingFund extends FundMoneyRow {
  expectedSpent: string;
  executionRate: string | null;
}

/**
 * 预算执行提醒: after a month closes, the liaisons of every department whose fund has spent less
 * than its time-elapsed plan hear about it, once per fund and month (the key makes a second run,
 * or a second worker, a no-op).
 */
@Injectable()
export class FundRemindersService {
  private readonly logger = new Logger(FundRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ScheduleRunsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  /** The month whose figures are judged: the one before today's (Asia/Shanghai). */
  judgedMonth(now: Date): string {
    const [y, m] = localDateOf(now, this.env.APP_TIMEZONE).split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }

  async run(): Promise<{ month: string; lagging: number; notifications: number; inbox: number }> {
    const now = this.clock.now();
    const month = this.judgedMonth(now);
    return this.dataSource.transaction(async (m) => {
      await this.runs.lock(m, ScheduleName.FundLag, now);
      const rows: FundMoneyRow[] = await m.query(
        `WITH items AS (
           SELECT project_id, sum(budget) AS budget, sum(half_year_plan) AS half FROM budget_sub_items GROUP BY project_id
         ), money AS (
           SELECT s.project_id, sum(e.received) AS received, sum(e.spent) AS spent
           FROM fund_executions e JOIN budget_sub_items s ON s.id = e.sub_item_id
           WHERE e.month <= $2 GROUP BY s.project_id
         )
         SELECT p.id AS "projectId", p.name AS "projectName", p.city_id AS "cityId", p.owner_unit_id AS "unitId", u.name AS "unitName",
                i.budget::text AS budget, i.half::text AS "halfYearPlan",
                COALESCE(mo.received, 0)::text AS received, COALESCE(mo.spent, 0)::text AS spent
         FROM budget_projects p JOIN items i ON i.project_id = p.id JOIN organisation.units u ON u.id = p.owner_unit_id
         JOIN organisation.units city ON city.id = p.city_id AND city.disabled_at IS NULL
         LEFT JOIN money mo ON mo.project_id = p.id
         WHERE p.year = $1 AND i.budget > 0`,
        [Number(month.slice(0, 4)), month],
      );
      const lagging = laggingFunds(rows, Number(month.slice(5, 7)));
      const contacts = await unitContacts(m, [...new Set(lagging.map((f) => f.unitId))], ['liaison'], []);
      const offices = await cityOffices(m, [...new Set(lagging.map((f) => f.cityId))]);
      const outbox = new Outbox();
      for (const fund of lagging) {
        const link = fundLink(this.env.PUBLIC_URL, fund.projectId, 'execution');
        for (const contact of contacts.filter((c) => c.unitId === fund.unitId)) {
          outbox.deliver(
            {
              kind: 'fund_lag',
              cityId: fund.cityId,
              periodId: null,
              unitId: fund.unitId,
              offset: `${fund.projectId}:${month}`,
              link,
            },
            contact,
            renderFundLag({
              recipientName: contact.name,
              unitName: fund.unitName,
              projectName: fund.projectName,
              month,
              spent: fund.spent,
              expectedSpent: fund.expectedSpent,
              budget: fund.budget,
              executionRate: fund.executionRate,
              link: contact.userId !== null ? link : null,
              officeContact: officeContactLine(offices.get(fund.cityId)),
            }),
          );
        }
      }
      const ids = await this.notifications.insertNotifications(m, outbox.notifications, now);
      const inbox = await this.inboxes.insert(m, outbox.inbox, now);
      await this.runs.set(m, ScheduleName.FundLag, now);
      if (lagging.length)
        this.logger.log(
          `fund lag ${month}: ${lagging.length} funds behind plan, ${ids.length} emails, ${inbox} inbox messages`,
        );
      return { month, lagging: lagging.length, notifications: ids.length, inbox };
    });
  }
}

/** The funds whose spending to the end of `month` is below the time-elapsed plan. */
export function laggingFunds(rows: readonly FundMoneyRow[], month: number): LaggingFund[] {
  return rows.flatMap((r) => {
    const expected = expectedSpending(r.budget, r.halfYearPlan, month).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    if (!expected.gt(r.spent)) return [];
    const received = new Decimal(r.received);
    return [
      {
        ...r,
        budget: new Decimal(r.budget).toFixed(2),
        spent: new Decimal(r.spent).toFixed(2),
        expectedSpent: expected.toFixed(2),
        executionRate: received.isZero()
          ? null
          : new Decimal(r.spent).div(received).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      },
    ];
  });
}
