import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '../auth/auth.module';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { rateLimits } from './rate-limits';
import { RouteRules } from './route-rules';

/**
 * Who may call what, for every request: the access guard (token, session, role) and then the rate
 * limits, in that order, so a signed-in user is limited as a user rather than by address.
 */
@Global()
@Module({
  imports: [DiscoveryModule, AuthModule, ThrottlerModule.forRootAsync({ useFactory: rateLimits, inject: [AppConfig] })],
  providers: [RouteRules, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_GUARD, useClass: ThrottlerGuard }],
  exports: [RouteRules, AuthModule],
})
export class AccessModule {}
