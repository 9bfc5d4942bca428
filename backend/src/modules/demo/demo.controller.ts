import { Body, Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { DemoStatusDto, LoadDemoDto } from './dto/demo.dto.js';
import { DemoService } from './demo.service.js';

@ApiTags('demo')
@ApiBearerAuth()
@Controller('demo')
export class DemoController {
  constructor(@Inject(DemoService) private readonly demo: DemoService) {}

  @Get()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: DemoStatusDto })
  @ApiOperation({
    summary: 'Whether demo data is loaded, can be loaded, and the progress of a load or removal',
  })
  getDemoStatus(@CurrentPrincipal() p: Principal): Promise<DemoStatusDto> {
    return this.demo.status(p);
  }

  @Post()
  @HttpCode(202)
  @RequirePermissions('organization:manage')
  @ApiAcceptedResponse({
    type: DemoStatusDto,
    description: 'Loading runs as a job; poll GET /demo.',
  })
  @ApiForbiddenResponse({ description: 'Not offered here: a server without ALLOW_DEMO_DATA=true.' })
  @ApiConflictResponse({ description: 'The organization has employees, or demo data already.' })
  @ApiOperation({
    summary: 'Fill an empty organization with demo teams, people, activity, rules and a notice',
  })
  loadDemo(@CurrentPrincipal() p: Principal, @Body() dto: LoadDemoDto): Promise<DemoStatusDto> {
    return this.demo.requestLoad(p, dto);
  }

  @Delete()
  @HttpCode(202)
  @RequirePermissions('organization:manage')
  @ApiAcceptedResponse({
    type: DemoStatusDto,
    description: 'Removal runs as a job; poll GET /demo until state is none.',
  })
  @ApiConflictResponse({ description: 'No demo data, or a load or removal is running.' })
  @ApiOperation({ summary: 'Remove all demo data, each demo person as an erasure would' })
  removeDemo(@CurrentPrincipal() p: Principal): Promise<DemoStatusDto> {
    return this.demo.requestRemoval(p);
  }
}
