import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../access/actor';
import { PASSWORD_MIN_LENGTH } from '../passwords';

export class LoginDto {
  @ApiProperty({ example: 'facilitateur.93@demo.clausier.fr' }) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-facilitateur-93' }) @IsString() @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MaxLength(200)
  refreshToken: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the invitation an administrator created' }) @IsString() @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: `At least ${PASSWORD_MIN_LENGTH} characters` })
  @IsString() @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }) @Length(0, 200)
  password: string;
}

export class SignedInUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
}

/** What a browser gets: the refresh token goes into an httpOnly cookie, never into the body. */
export class AccessTokenView {
  @ApiProperty({ description: 'Send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds the access token stays valid' }) expiresIn: number;
}

export class TokensView extends AccessTokenView {
  @ApiProperty({ description: 'Exchange at POST /auth/refresh for new tokens; single use' }) refreshToken: string;
}

export class SignedInView extends TokensView {
  @ApiProperty({ type: SignedInUserView }) user: SignedInUserView;
}

export class BrowserSignedInView extends AccessTokenView {
  @ApiProperty({ type: SignedInUserView }) user: SignedInUserView;
}

export class MeView extends SignedInUserView {
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty({ type: [String], description: 'Departments your organisation covers (facilitators, regional staff)' }) departmentCodes: string[];
  @ApiProperty({ type: String, nullable: true }) regionCode: string | null;
}
