import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BUSINESS_ROLES, DECLARERS } from '../access/role-groups';
import { hoursToX100 } from '../common/units/hours';
import { ContractActivityService } from './contract-activity.service';
import { MonthParamPipe } from './month-param.pipe';
import { InvoicedAmountList, InvoicedAmountView, MonthlyHoursList, MonthlyHoursView, PutInvoicedAmountDto, PutMonthlyHoursDto } from './dto/monthly-figures.dto';

@ApiTags('contract activity')
@Controller('contracts/:contractId')
export class ContractActivityController {
  constructor(private readonly activity: ContractActivityService) {}

  @Put('monthly-hours/:month')
  @Roles(...DECLARERS)
  @ApiOperation({ summary: 'Declare or correct the total hours worked on the contract in a month (denominator of percent_of_hours)' })
  @ApiParam({ name: 'month', example: '2026-03' })
  @ApiOkResponse({ type: MonthlyHoursView })
  putMonthlyHours(
    @Param('contractId', new ParseUUIDPipe()) contractId: string,
    @Param('month', MonthParamPipe) month: string,
    @Body() body: PutMonthlyHoursDto,
  ): Promise<MonthlyHoursView> {
    // IsHours has already accepted the value, so the conversion cannot fail here.
    return this.activity.putMonthlyHours(contractId, month, hoursToX100(body.hours) as number);
  }

  @Get('monthly-hours')
  @Roles(...BUSINESS_ROLES)
  @ApiOperation({ summary: 'Declared total hours per month, with their sum' })
  @ApiOkResponse({ type: MonthlyHoursList })
  listMonthlyHours(@Param('contractId', new ParseUUIDPipe()) contractId: string): Promise<MonthlyHoursList> {
    return this.activity.listMonthlyHours(contractId);
  }

  @Put('invoiced-amounts/:month')
  @Roles(...DECLARERS)
  @ApiOperation({ summary: 'Declare or correct what the holder invoiced the buyer for a month' })
  @ApiParam({ name: 'month', example: '2026-03' })
  @ApiOkResponse({ type: InvoicedAmountView })
  putInvoicedAmount(
    @Param('contractId', new ParseUUIDPipe()) contractId: string,
    @Param('month', MonthParamPipe) month: string,
    @Body() body: PutInvoicedAmountDto,
  ): Promise<InvoicedAmountView> {
    return this.activity.putInvoicedAmount(contractId, month, body.amountCents);
  }

  @Get('invoiced-amounts')
  @Roles(...BUSINESS_ROLES)
  @ApiOperation({ summary: 'Invoiced amounts per month, with their sum' })
  @ApiOkResponse({ type: InvoicedAmountList })
  listInvoicedAmounts(@Param('contractId', new ParseUUIDPipe()) contractId: string): Promise<InvoicedAmountList> {
    return this.activity.listInvoicedAmounts(contractId);
  }
}
