import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { localDate, validateWorkingCalendarData, WorkingCalendar } from '@app/domain';
import { CalendarDay } from './entities/calendar-day.entity.js';

export interface CalendarYear {
  year: number;
  holidays: string[];
  makeUpWorkdays: string[];
}

/** A city's working-day calendar, kept by its office: holidays and make-up working days (调休). */
@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async year(actor: Actor, year: number): Promise<CalendarYear> {
    const days = await this.days(this.dataSource.manager, actor.cityId, `${year}-01-01`, `${year}-12-31`);
    return {
      year,
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      makeUpWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    };
  }

  /** Replaces one year's exceptions; deadlines of periods not yet due are recomputed by the caller. */
  async replaceYear(
    actor: Actor,
    input: CalendarYear,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CalendarYear> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以维护工作日历');
    const outside = [...input.holidays, ...input.makeUpWorkdays].find((d) => !d.startsWith(`${input.year}-`));
    if (outside)
      throw DomainError.validation('日期不在该年度内', [
        { field: 'holidays', reason: `${outside} 不在 ${input.year} 年` },
      ]);
    const checked = validateWorkingCalendarData({ holidays: input.holidays, makeUpWorkdays: input.makeUpWorkdays });
    if (!checked.ok)
      throw DomainError.validation(
        '工作日历有误',
        checked.errors.map((e) => ({ field: e.field, reason: e.reason })),
      );
    await manager.transaction(async (m) => {
      await m.query(`DELETE FROM calendar_days WHERE city_id = $1 AND date BETWEEN $2 AND $3`, [
        actor.cityId,
        `${input.year}-01-01`,
        `${input.year}-12-31`,
      ]);
      const rows = [
        ...checked.data.holidays.map((date) => ({ cityId: actor.cityId, date, kind: 'holiday' as const, note: '' })),
        ...checked.data.makeUpWorkdays.map((date) => ({
          cityId: actor.cityId,
          date,
          kind: 'workday' as const,
          note: '',
        })),
      ];
      if (rows.length) await m.getRepository(CalendarDay).insert(rows);
    });
    return this.year(actor, input.year);
  }

  /** The working calendar of a city around a year (a December report falls due in January). */
  async workingCalendar(manager: EntityManager, cityId: string, year: number): Promise<WorkingCalendar> {
    const days = await this.days(manager, cityId, `${year}-01-01`, `${year + 1}-02-28`);
    return new WorkingCalendar({
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => localDate(d.date)),
      makeUpWorkdays: days.filter((d) => d.kind === 'workday').map((d) => localDate(d.date)),
    });
  }

  private days(
    manager: EntityManager,
    cityId: string,
    from: string,
    to: string,
  ): Promise<{ date: string; kind: string }[]> {
    return manager.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE city_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
      [cityId, from, to],
    );
  }
}
