import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { BrowserSessionController } from './browser-session.controller';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';

/**
 * Sign-in, sessions and tokens. The token secret is handed to jsonwebtoken as a key object, made once:
 * given a string, it first tries to read it as a PEM public key on every call and builds a secret key
 * from the exception, a visible share of the API's CPU under load (bench/README.md).
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.AUTH_TOKEN_SECRET, 'utf8')) }),
    }),
  ],
  controllers: [AuthController, BrowserSessionController],
  providers: [AuthService, SessionsService],
  exports: [SessionsService, AuthService],
})
export class AuthModule {}
