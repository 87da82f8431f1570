import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BUSINESS_ROLES, DECLARERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { PaymentsService } from './payments.service';
import { SmePaymentsService } from './sme-payments.service';
import { CreatePaymentDto, DisputePaymentDto, ListPaymentsQuery, PaymentPage, PaymentView, SmePaymentsQuery } from './dto/payment.dto';
import { SmePaymentsSummary } from './dto/sme-payments.dto';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly smePayments: SmePaymentsService,
  ) {}

  @Post('contracts/:contractId/payments')
  @Roles(...DECLARERS)
  @ApiOperation({ summary: 'Declare a payment to a co-contractor or subcontractor for a month' })
  @ApiCreatedResponse({ type: PaymentView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'payee_not_party, payer_not_allowed, payee_is_payer, month_outside_contract' })
  declare(@Param('contractId', new ParseUUIDPipe()) contractId: string, @Body() body: CreatePaymentDto): Promise<PaymentView> {
    return this.payments.declare(contractId, body);
  }

  @Get('contracts/:contractId/payments')
  @Roles(...BUSINESS_ROLES)
  @ApiOperation({ summary: 'Payments on a contract, by month, filtered by status, payee and months' })
  @ApiOkResponse({ type: PaymentPage })
  list(@Param('contractId', new ParseUUIDPipe()) contractId: string, @Query() q: ListPaymentsQuery): Promise<Page<PaymentView>> {
    return this.payments.list(contractId, q);
  }

  @Get('contracts/:contractId/sme-payments')
  @Roles(...BUSINESS_ROLES)
  @ApiOperation({ summary: 'Payments to SME and non-SME parties, per payee, with the SME shares of the amount and of the invoiced' })
  @ApiOkResponse({ type: SmePaymentsSummary })
  smeSummary(@Param('contractId', new ParseUUIDPipe()) contractId: string, @Query() q: SmePaymentsQuery): Promise<SmePaymentsSummary> {
    return this.smePayments.summary(contractId, q.at);
  }

  @Get('payments/:id')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: PaymentView })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PaymentView> {
    return this.payments.get(id);
  }

  @Post('payments/:id/confirm')
  @Roles('company')
  @HttpCode(200)
  @ApiOperation({ summary: 'The payee confirms it received the declared payment' })
  @ApiOkResponse({ type: PaymentView })
  @ApiConflictResponse({ type: ErrorBody, description: 'invalid_transition: the payment is no longer declared' })
  confirm(@Param('id', new ParseUUIDPipe()) id: string): Promise<PaymentView> {
    return this.payments.confirm(id);
  }

  @Post('payments/:id/dispute')
  @Roles('company')
  @HttpCode(200)
  @ApiOperation({ summary: 'The payee disputes the declared payment, saying why' })
  @ApiOkResponse({ type: PaymentView })
  @ApiConflictResponse({ type: ErrorBody, description: 'invalid_transition: the payment is no longer declared' })
  dispute(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DisputePaymentDto): Promise<PaymentView> {
    return this.payments.dispute(id, body.reason);
  }
}
