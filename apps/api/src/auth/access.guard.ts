import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  type AccessRole,
  DomainError,
  ErrorCode,
  hasRole,
  isPlatform,
  PlatformRole,
  requestContext,
} from '@app/common';
import { AuthService } from '@app/identity';
import { type AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './access.decorators.js';

/**
 * The one guard on every route. It fails closed: a handler that declares neither @Public nor
 * @Roles is refused, so a forgotten decorator cannot open a route. Platform principals have a
 * branch of their own: they pass only where a route names the platform role, so no city route
 * (whose services would need a unit and a city) ever sees one.
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
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new DomainError(ErrorCode.Unauthorized, '请先登录');
    const { principal, sessionId } = await this.auth.verifySession(token);
    request.principal = principal;
    request.sessionId = sessionId;
    const roles = this.reflector.getAllAndOverride<AccessRole[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`route without access rule: ${context.getClass().name}.${context.getHandler().name}`);
      throw DomainError.forbidden();
    }
    if (isPlatform(principal)) {
      // The platform's own entries carry no city; a change to a city files itself under it.
      requestContext.setActor(principal.userId, principal.displayName, null);
      if (!roles.includes(PlatformRole)) throw DomainError.forbidden('平台管理员账号不能访问城市的业务数据');
      return true;
    }
    request.actor = principal;
    requestContext.setActor(principal.userId, principal.displayName, principal.cityId);
    if (!hasRole(principal, ...roles)) throw DomainError.forbidden('您的角色无权执行此操作');
    return true;
  }
}
