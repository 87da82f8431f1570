import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { DepartmentQuery } from './dto/department-query.dto';
import { DepartmentView, RegionView } from './dto/territory.view';
import { TerritoriesService } from './territories.service';

@ApiTags('territories')
@Controller()
@AnyRole()
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Get('regions')
  @ApiOkResponse({ type: [RegionView] })
  regions(): Promise<RegionView[]> {
    return this.territories.listRegions();
  }

  @Get('regions/:code')
  @ApiOkResponse({ type: RegionView })
  @ApiNotFoundResponse({ type: ErrorBody })
  region(@Param('code') code: string): Promise<RegionView> {
    return this.territories.region(code);
  }

  @Get('departments')
  @ApiOkResponse({ type: [DepartmentView] })
  departments(@Query() q: DepartmentQuery): Promise<DepartmentView[]> {
    return this.territories.listDepartments(q.regionCode);
  }

  @Get('departments/:code')
  @ApiOkResponse({ type: DepartmentView })
  @ApiNotFoundResponse({ type: ErrorBody })
  department(@Param('code') code: string): Promise<DepartmentView> {
    return this.territories.department(code);
  }
}
