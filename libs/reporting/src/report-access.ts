import { type Actor, DomainError, hasRole, inScope } from '@app/common';
import type { Unit } from '@app/organisation';

/**
 * Reports are private to the reporting unit's subtree until published in a bulletin; the city's
 * office, administrators and leadership read them all. Writing is for the unit's own people and
 * the office (which may enter on a unit's behalf); leaders only read.
 */
export function canRead(actor: Actor, unit: Pick<Unit, 'path' | 'cityId'>): boolean {
  if (inScope(actor, unit)) return true;
  return hasRole(actor, 'admin', 'office', 'leader') && actor.cityId === unit.cityId;
}

export function assertCanWrite(actor: Actor, unit: Pick<Unit, 'path' | 'cityId'>): void {
  if (!hasRole(actor, 'admin', 'office', 'liaison')) throw DomainError.forbidden('您的角色不能填报');
  if (!inScope(actor, unit)) throw DomainError.forbidden('只能填报本单位的报告');
}

export function assertOffice(actor: Actor, unit: Pick<Unit, 'path' | 'cityId'>): void {
  if (!hasRole(actor, 'admin', 'office') || !inScope(actor, unit)) throw DomainError.forbidden('只有办公室可以审核');
}
