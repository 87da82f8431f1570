import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { ROLES } from '../../access/actor';
import type { Role } from '../../access/actor';

export class InviteUserDto {
  @ApiProperty({ example: 'c.martin@plainecommune.fr' }) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Claire Martin' }) @IsString() @IsNotEmpty() @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required except for an admin: a regional mission (regional_staff), facilitator structure (facilitator), contracting authority (buyer) or company (company)',
  })
  @IsOptional() @IsUUID()
  organisationId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @ValidateIf((_, v) => v !== undefined) @IsString() @IsNotEmpty() @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'true signs the user out everywhere and refuses their sign-ins; false enables them again' })
  @ValidateIf((_, v) => v !== undefined) @IsBoolean()
  disabled?: boolean;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  organisationId?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status: 'invited' | 'active' | 'disabled';
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activatedAt: Date | null;
}

export class InvitationView extends UserView {
  @ApiProperty({ description: 'Give it to the user (once; it is not stored readable): they set their password with POST /auth/accept-invitation' })
  invitationToken: string;
  @ApiProperty() invitationExpiresAt: Date;
}

export class UserPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [UserView] }) items: UserView[];
}
