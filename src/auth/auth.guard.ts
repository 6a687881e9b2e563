import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_RULE, AccessRule, Actor } from '../common/access/access.decorators';
import { forbidden, unauthenticated } from '../common/errors/domain-error';
import { pageSessionToken } from '../web/session/session-cookie';
import { AuthService } from './auth.service';

/**
 * The one access gate. A route opens only through @Public() or @Roles(...); anything else is refused, so a
 * route added without a rule is closed (and the access test fails until the rule is written down).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const token = bearerToken(request);
    if (token !== null) {
      const actor = await this.auth.authenticate(token);
      if (!actor) throw unauthenticated('The token is invalid, expired or revoked; sign in again');
      request.actor = actor;
    } else {
      // Pages (never /api) may carry the session in a cookie instead; a stale cookie just means "not signed in".
      const cookieToken = pageSessionToken(request);
      if (cookieToken) request.actor = (await this.auth.authenticate(cookieToken)) ?? undefined;
    }
    if (!rule) {
      this.logger.warn(`Refused ${request.method} ${request.path}: the route has no access rule`);
      throw forbidden('This route is closed');
    }
    if (rule.kind === 'public') return true;
    if (!request.actor) throw unauthenticated();
    if (!rule.roles.includes(request.actor.role)) throw forbidden(`This action needs one of the roles: ${rule.roles.join(', ')}`);
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : '';
}
