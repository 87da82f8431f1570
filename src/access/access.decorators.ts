import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Role, ROLES, UserActor } from './actor';

export const ACCESS_RULE = 'clausier:access';

/** What a route declares about who may call it; a route without one is refused (and fails the start-up check). */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** No sign-in: login, health. */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/**
 * The roles that may call the route at all (others get 403). Which records each of them then sees is
 * not decided here but in the data layer (access/visibility.sql.ts).
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'No valid access token' }),
    ApiForbiddenResponse({ type: ErrorBody, description: `Allowed to: ${roles.join(', ')}` }),
  );

/** Any signed-in user. */
export const AnyRole = () => Roles(...ROLES);

/**
 * The signed-in actor of the request, for the controller to hand to its service as the first argument
 * (services take who is asking explicitly, as immich's take `auth`). Set by the access guard.
 */
export const RequestActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): UserActor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: UserActor }>().actor;
  if (!actor) throw new Error('@RequestActor() on a route without a signed-in actor (a public route?)');
  return actor;
});
