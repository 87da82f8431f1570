import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { isLoginThrottled } from '../auth/login-throttle';
import { currentActorOrNull } from './request-context';

/**
 * Two limits: every route per signed-in user (per address before sign-in), and a tighter one per
 * address on the routes that take a password or a token. The counters live in the process: with
 * several API processes each counts its own requests (a shared Redis store would make it global).
 */
export function rateLimits(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE },
      { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE, skipIf: (ctx) => !isLoginThrottled(ctx) },
    ],
    getTracker: (req) => {
      const actor = currentActorOrNull();
      return actor?.kind === 'user' ? `user:${actor.userId}` : `ip:${String(req.ip)}`;
    },
  };
}
