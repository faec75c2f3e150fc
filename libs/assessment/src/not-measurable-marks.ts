import type { EntityManager } from 'typeorm';
import { NotMeasurableMark } from './entities/assessment.entity.js';

/** The reason a marked leaf carries into the frozen inputs, the revision diff and the explanation. */
export function notMeasurableReason(reason: string): string {
  return `不可单独统计：${reason}`;
}

/** The marks of an assessment keyed by `unitId:criterionId`, as the evaluation reads them. */
export async function notMeasurableMarks(m: EntityManager, assessmentId: string): Promise<Map<string, string>> {
  const marks = await m.getRepository(NotMeasurableMark).find({ where: { assessmentId } });
  return new Map(marks.map((x) => [`${x.unitId}:${x.criterionId}`, x.reason]));
}
