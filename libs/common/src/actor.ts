import { DomainError } from './domain-error.js';

/** The roles of a city's users: what they may do inside their unit's subtree. */
export const Role = { Admin: 'admin', Office: 'office', Leader: 'leader', Liaison: 'liaison' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role);
export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  office: '办公室',
  leader: '领导',
  liaison: '联络员',
};

/**
 * The deployment's own role: onboards, lists, disables and enables cities. Its accounts belong to
 * no unit and so to no city; they reach a city's data only through the platform routes.
 */
export const PlatformRole = 'platform' as const;
export type PlatformRole = typeof PlatformRole;
export const platformRoleLabel = '平台管理员';

/** What a route may require: one of the city roles, or the platform role. */
export type AccessRole = Role | PlatformRole;

export function isRole(value: string): value is Role {
  return (roles as string[]).includes(value);
}

/**
 * A signed-in user of one city. Every field is set: a user without a city has no scope at all,
 * so there is no "null city" to mistake for "every city".
 */
export interface Actor {
  scope: 'city';
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  /** Materialised path of the user's unit: their scope is every unit whose path starts with it. */
  unitPath: string;
  /** The city the user belongs to: published material of this city is readable. */
  cityId: string;
}

/** A signed-in platform operator: no unit, no city, no city roles. */
export interface PlatformPrincipal {
  scope: 'platform';
  userId: string;
  username: string;
  displayName: string;
  roles: [PlatformRole];
}

/** Whoever the access token belongs to. */
export type Principal = Actor | PlatformPrincipal;

export function isPlatform(principal: Principal): principal is PlatformPrincipal {
  return principal.scope === 'platform';
}

export function hasRole(actor: Actor, ...wanted: readonly AccessRole[]): boolean {
  return actor.roles.some((r) => wanted.includes(r));
}

/** True when the unit lies in the user's subtree: the user may write to it (role permitting). */
export function inScope(actor: Actor, unit: { path: string }): boolean {
  return unit.path.startsWith(actor.unitPath);
}

/** True when the unit is in the user's city: published material there is readable. */
export function inCity(actor: Actor, unit: { path: string; cityId: string | null }): boolean {
  return inScope(actor, unit) || unit.cityId === actor.cityId;
}

export function assertInScope(actor: Actor, unit: { path: string }): void {
  if (!inScope(actor, unit)) throw DomainError.forbidden('该单位不在您的管理范围内');
}
