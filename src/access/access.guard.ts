import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-errors';
import { SessionsService } from '../auth/sessions.service';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { setActor } from './request-context';
import type { UserActor } from './actor';

/**
 * The one guard of the API: reads the route's access rule, checks the bearer token and its session,
 * puts the actor in the request context, and refuses a role the route does not allow. A route with
 * no rule is refused: nothing is open by omission.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) throw new ForbiddenError('This route declares no access rule');
    if (rule.public) return true;
    const req = ctx.switchToHttp().getRequest<Request & { actor?: UserActor }>();
    const header = req.headers.authorization;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw new UnauthenticatedError();
    const actor = await this.sessions.authenticate(token);
    setActor(actor);
    req.actor = actor; // for @RequestActor()
    if (!rule.roles.includes(actor.role)) {
      throw new ForbiddenError(`A ${actor.role} may not do this (allowed: ${rule.roles.join(', ')})`);
    }
    return true;
  }
}
