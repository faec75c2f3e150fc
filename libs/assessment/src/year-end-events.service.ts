import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '@app/common';
import { AssessmentEvent } from './entities/assessment.entity.js';
import { type AssessmentEventView, eventViews } from './year-end-evidence.js';
import { YearEndService } from './year-end.service.js';

/** The bonus, penalty and veto events of a year-end assessment as lists read them. */
@Injectable()
export class YearEndEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly yearEnd: YearEndService,
  ) {}

  /** Newest first, with their files: every unit's for the office and leaders, the actor's own units' otherwise. */
  async list(actor: Actor, id: string): Promise<AssessmentEventView[]> {
    const units = await this.yearEnd.unitsOf(actor, id);
    if (units.length === 0) return [];
    const m = this.dataSource.manager;
    const events = await m.getRepository(AssessmentEvent).find({
      where: { assessmentId: id, unitId: In(units.map((u) => u.id)) },
      order: { createdAt: 'DESC' },
    });
    return eventViews(m, id, events);
  }
}
