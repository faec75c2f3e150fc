import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole, requestContext } from '@app/common';
import { Clock } from '@app/config';
import { leafCriteria } from '@app/domain';
import { Assessment, AssessmentStatus, NotMeasurableMark } from './entities/assessment.entity.js';
import { Scheme } from './entities/scheme.entity.js';
import { YearEndService } from './year-end.service.js';

/** A leaf marked not measurable for a unit, as listed. */
export interface NotMeasurableView {
  id: string;
  unitId: string;
  criterionId: string;
  reason: string;
  markedByName: string;
  markedAt: Date;
}

function view(x: NotMeasurableMark): NotMeasurableView {
  return {
    id: x.id,
    unitId: x.unitId,
    criterionId: x.criterionId,
    reason: x.reason,
    markedByName: x.markedByName,
    markedAt: x.markedAt,
  };
}

/**
 * The office marks a leaf not measurable for a unit (不可单独统计, with a reason) instead of blanking its statistic;
 * the scheme's tier-average substitution then scores it. Marks change while the cycle is open; approval freezes
 * them with every other input, so afterwards only a reopened cycle changes them. Every change is audited.
 */
@Injectable()
export class NotMeasurableService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly yearEnd: YearEndService,
    private readonly clock: Clock,
  ) {}

  /** The office and the leadership see every mark; a unit sees its own. */
  async list(actor: Actor, id: string): Promise<NotMeasurableView[]> {
    const units = new Set((await this.yearEnd.unitsOf(actor, id)).map((u) => u.id));
    const marks = await this.dataSource
      .getRepository(NotMeasurableMark)
      .find({ where: { assessmentId: id }, order: { markedAt: 'ASC' } });
    return marks.filter((x) => units.has(x.unitId)).map(view);
  }

  async mark(
    actor: Actor,
    id: string,
    input: { unitId: string; criterionId: string; reason: string },
  ): Promise<NotMeasurableView> {
    const reason = input.reason.trim();
    if (!reason) throw DomainError.validation('请说明不可单独统计的原因', [{ field: 'reason', reason: '必填' }]);
    return requestContext.withReason(reason, () =>
      this.dataSource.transaction(async (m) => {
        const { scheme } = await this.editable(m, actor, id);
        if (!(await this.yearEnd.unitsOf(actor, id)).some((u) => u.id === input.unitId))
          throw DomainError.validation('该单位不在本次考评范围内', [{ field: 'unitId', reason: '不在考评范围内' }]);
        if (!leafCriteria(scheme.definition.criteria).some((c) => c.id === input.criterionId))
          throw DomainError.validation('不是该方案的末级指标', [
            { field: 'criterionId', reason: '不是该方案的末级指标' },
          ]);
        const repo = m.getRepository(NotMeasurableMark);
        const existing = await repo.findOne({
          where: { assessmentId: id, unitId: input.unitId, criterionId: input.criterionId },
        });
        const fields = {
          reason,
          markedByUserId: actor.userId,
          markedByName: actor.displayName,
          markedAt: this.clock.now(),
        };
        const saved = await repo.save(
          existing
            ? Object.assign(existing, fields)
            : repo.create({ assessmentId: id, unitId: input.unitId, criterionId: input.criterionId, ...fields }),
        );
        return view(saved);
      }),
    );
  }

  async unmark(actor: Actor, id: string, markId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.editable(m, actor, id);
      const repo = m.getRepository(NotMeasurableMark);
      const mark = await repo.findOne({ where: { id: markId, assessmentId: id } });
      if (!mark) throw DomainError.notFound('该不可单独统计标记');
      await repo.remove(mark);
    });
  }

  /** The assessment, locked, if the actor is its city's office and its inputs are not frozen yet. */
  private async editable(m: EntityManager, actor: Actor, id: string): Promise<{ a: Assessment; scheme: Scheme }> {
    const a = await m.getRepository(Assessment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!a || a.cityId !== actor.cityId) throw DomainError.notFound('年终考评');
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以标记不可单独统计的指标');
    if (a.status === AssessmentStatus.Approved || a.status === AssessmentStatus.Published)
      throw DomainError.conflict('考评已审定，须由系统管理员重新打开后才能修改不可单独统计的指标');
    const scheme = await m.getRepository(Scheme).findOneOrFail({ where: { id: a.schemeId } });
    return { a, scheme };
  }
}
