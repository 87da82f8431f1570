import { ApiProperty } from '@nestjs/swagger';
import { COMPANY_SIZES, CompanySize } from '../../organisations/organisation.entity';
import { PARTY_ROLES, PartyRole } from '../../contracts/contract.entity';

export class PaymentTotals {
  @ApiProperty({ description: 'By confirmed payments (and, for sme, invoices), cents' }) confirmedCents: number;
  @ApiProperty({ description: 'By declared payments not yet confirmed (disputed ones excluded), cents' }) declaredCents: number;
}

export class SmePayee {
  @ApiProperty({ format: 'uuid' }) companyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMPANY_SIZES, nullable: true }) size: CompanySize | null;
  @ApiProperty() sme: boolean;
  @ApiProperty({ enum: PARTY_ROLES, nullable: true, description: 'null when the company is no longer a party' }) role: PartyRole | null;
  @ApiProperty() confirmedCents: number;
  @ApiProperty() declaredCents: number;
  @ApiProperty() disputedCents: number;
}

/** DOMAIN rule 10, the payments side: shares as assessSmeShare computes them (4 decimals, null when ÷ 0). */
export class SmePaymentsSummary {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-06-30' }) at: string | null;
  @ApiProperty() contractAmountCents: number;
  @ApiProperty({ description: 'Σ invoiced amounts of the months counted' }) invoicedCents: number;
  @ApiProperty({
    type: PaymentTotals,
    description: 'Executed by SMEs, each euro once (DOMAIN rule 10): payments to an SME from a payer that is not one; for an SME holder, ' +
      'the amount invoiced less its payments to non-SMEs (declared: may be negative). What the shares and the SME clause count',
  })
  sme: PaymentTotals;
  @ApiProperty({ type: PaymentTotals, description: 'Payments to companies that are not SMEs' }) nonSme: PaymentTotals;
  @ApiProperty({ type: Number, nullable: true, description: 'sme confirmed ÷ contract amount' }) confirmedShare: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'sme declared-unconfirmed ÷ contract amount' }) declaredShare: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'sme confirmed ÷ invoiced' }) progressShare: number | null;
  @ApiProperty({ type: [SmePayee] }) payees: SmePayee[];
}
