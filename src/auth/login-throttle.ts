import { ExecutionContext, SetMetadata } from '@nestjs/common';

const LOGIN_THROTTLE = 'clausier:login-throttle';

/** Routes that take a password or token guess: they get the tighter per-address limit. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE, true);

export function isLoginThrottled(ctx: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_THROTTLE, ctx.getHandler()) === true;
}
