import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsHours } from '../../common/validation/domain-validators';

export class PutMonthlyHoursDto {
  @IsHours({ description: 'Total hours worked on the contract in the month, all workers, at most 2 decimals' })
  hours: number;
}

export class PutInvoicedAmountDto {
  @ApiProperty({ description: 'Invoiced to the buyer for the month, excluding tax, integer cents', example: 12_500_000, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountCents: number;
}

export class MonthlyHoursView {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 1234.56 }) hours: number;
  @ApiProperty() declaredAt: Date;
}

export class MonthlyHoursList {
  @ApiProperty() contractId: string;
  @ApiProperty({ type: [MonthlyHoursView] }) items: MonthlyHoursView[];
  @ApiProperty({ description: 'Σ hours of every month, summed in hundredths by the database', example: 1235 })
  totalHours: number;
}

export class InvoicedAmountView {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 12_500_000 }) amountCents: number;
  @ApiProperty() declaredAt: Date;
}

export class InvoicedAmountList {
  @ApiProperty() contractId: string;
  @ApiProperty({ type: [InvoicedAmountView] }) items: InvoicedAmountView[];
  @ApiProperty({ description: 'Σ invoiced cents of every month', example: 25_000_000 }) totalCents: number;
}
