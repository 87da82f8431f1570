import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';

/** Sign-in, sessions and tokens. The secret is passed at each sign/verify call, from AppConfig. */
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [AuthService, SessionsService],
  exports: [SessionsService, AuthService],
})
export class AuthModule {}
