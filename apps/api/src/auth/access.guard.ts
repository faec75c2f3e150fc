import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, DomainError, ErrorCode, hasRole, requestContext, type Role } from '@app/common';
import { AuthService } from '@app/identity';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators.js';

/**
 * The one guard on every route. It fails closed: a handler that declares neither @Public nor
 * @Roles is refused, so a forgotten decorator cannot open a route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new DomainError(ErrorCode.Unauthorized, '请先登录');
    const actor = await this.auth.authenticate(token);
    request.actor = actor;
    requestContext.setActor(actor.userId, actor.displayName, actor.cityId);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`route without access rule: ${context.getClass().name}.${context.getHandler().name}`);
      throw DomainError.forbidden();
    }
    if (!hasRole(actor, ...roles)) throw DomainError.forbidden('您的角色无权执行此操作');
    return true;
  }
}
