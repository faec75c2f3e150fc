import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@app/common';

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';

/** Open to anyone, signed in or not. Each use is a decision: keep the list short. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Signed-in users holding one of these roles; the unit scope is then checked by the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Every role: for published material and the user's own data. */
export const AnyRole = () => Roles('admin', 'office', 'leader', 'liaison');

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a route without authentication');
  return request.actor;
});
