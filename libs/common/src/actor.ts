import { DomainError } from './domain-error.js';

export const Role = { Admin: 'admin', Office: 'office', Leader: 'leader', Liaison: 'liaison' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role);
export const roleLabels: Record<Role, string> = { admin: '系统管理员', office: '办公室', leader: '领导', liaison: '联络员' };

/** The authenticated user as the rest of the platform sees them. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  /** Materialised path of the user's unit: their scope is every unit whose path starts with it. */
  unitPath: string;
  /** The city the user belongs to (null for a province-level account). */
  cityId: string | null;
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.roles.some((r) => wanted.includes(r));
}

/** True when the unit lies in the user's subtree: the user may write to it (role permitting). */
export function inScope(actor: Actor, unit: { path: string }): boolean {
  return unit.path.startsWith(actor.unitPath);
}

/** True when the unit is in the user's city: published material there is readable. */
export function inCity(actor: Actor, unit: { path: string; cityId: string | null }): boolean {
  return inScope(actor, unit) || (actor.cityId !== null && unit.cityId === actor.cityId);
}

export function assertInScope(actor: Actor, unit: { path: string }): void {
  if (!inScope(actor, unit)) throw DomainError.forbidden('该单位不在您的管理范围内');
}
