import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsIsoDate, IsMonth } from '../../common/validation/domain-validators';
import { PAYMENT_STATUSES } from '../payment.entity';
import type { PaymentStatus } from '../payment.entity';

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid', description: 'A co-contractor or subcontractor of the contract' })
  @IsUUID()
  payeeId: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the contract's holder; may be a co-contractor paying its subcontractor" })
  @IsOptional()
  @IsUUID()
  payerId?: string;

  @IsMonth({ description: 'The month the payment is for; must overlap the contract dates' })
  month: string;

  @ApiProperty({ description: 'Integer cents, > 0', example: 2_500_000, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountCents: number;
}

export class DisputePaymentDto {
  @ApiProperty({ description: 'Why the payee disputes the declared payment', example: 'Montant reçu : 20 000 €, pas 25 000 €' })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(2000)
  reason: string;
}

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES }) @IsOptional() @IsIn(PAYMENT_STATUSES) status?: PaymentStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() payeeId?: string;
  @IsOptional() @IsMonth({ required: false, description: 'First month included' }) from?: string;
  @IsOptional() @IsMonth({ required: false, description: 'Last month included' }) to?: string;
}

export class SmePaymentsQuery {
  @IsOptional()
  @IsIsoDate({ required: false, description: 'Count only the months up to and including this date’s month (DOMAIN rule 2)' })
  at?: string;
}

export class PaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid' }) payerId: string;
  @ApiProperty({ format: 'uuid' }) payeeId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 2_500_000 }) amountCents: number;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty({ type: String, nullable: true }) disputeReason: string | null;
  @ApiProperty() declaredAt: Date;
  @ApiProperty({ type: Date, nullable: true }) decidedAt: Date | null;
}

export class PaymentPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [PaymentView] }) items: PaymentView[];
}
