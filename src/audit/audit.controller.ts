import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { AuditPage, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'regional_staff')
  @ApiOperation({ summary: 'Every write, newest first: admins see all, regional staff the entries of their region' })
  @ApiOkResponse({ type: AuditPage })
  list(@Query() q: AuditQuery) {
    return this.audit.list(q);
  }
}
