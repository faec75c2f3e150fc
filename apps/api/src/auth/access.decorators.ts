import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  type AccessRole,
  type Actor,
  isPlatform,
  type PlatformPrincipal,
  type Principal,
  PlatformRole,
  roles,
} from '@app/common';

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';

/** What the guard leaves on the request for the handler. */
export interface AuthenticatedRequest {
  principal?: Principal;
  /** Set only for a city user: a platform principal never reaches a handler that reads it. */
  actor?: Actor;
  /** The session the access token belongs to (its `sid`). */
  sessionId?: string;
}

/** Open to anyone, signed in or not. Each use is a decision: keep the list short. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Signed-in users holding one of these roles; the unit scope is then checked by the service. A
 * platform account passes only where `platform` is among them: city routes stay closed to it.
 */
export const Roles = (...wanted: AccessRole[]) => SetMetadata(ROLES_KEY, wanted);

/** Every city role: for published material and the user's own data. */
export const AnyRole = () => Roles(...roles);

/** The platform's own routes (cities, deployment-wide queues and schedules). */
export const PlatformOnly = () => Roles(PlatformRole);

/** Every signed-in account, platform included: only for the account's own session and password. */
export const SignedIn = () => Roles(...roles, PlatformRole);

function principalOf(ctx: ExecutionContext): Principal {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('a principal was asked for on a route without authentication');
  return request.principal;
}

/** The city user; the guard lets no platform principal onto a route without the platform role. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a route without a city user');
  return request.actor;
});

/** The platform principal, on `PlatformOnly` routes. */
export const CurrentPlatform = createParamDecorator((_: unknown, ctx: ExecutionContext): PlatformPrincipal => {
  const principal = principalOf(ctx);
  if (!isPlatform(principal)) throw new Error('CurrentPlatform used on a route open to city users');
  return principal;
});

/** The session of the request's access token: what logout ends. */
export const CurrentSessionId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.sessionId) throw new Error('CurrentSessionId used on a route without authentication');
  return request.sessionId;
});

/** Whoever signed in, on `SignedIn` routes. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal =>
  principalOf(ctx),
);
