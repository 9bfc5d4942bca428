import { Body, Controller, Get, Inject, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  EmployeeRateDto,
  EmployeeRateListDto,
  ProjectSettingsDto,
  SetEmployeeRateDto,
  UpdateProjectSettingsDto,
} from '../dto/catalog.dto.js';
import { ProjectReportDto, ProjectReportQueryDto } from '../dto/report.dto.js';
import { ProjectsService } from '../projects.service.js';
import { ProjectReportsService } from './project-reports.service.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('reports/projects')
export class ProjectReportsController {
  constructor(@Inject(ProjectReportsService) private readonly reports: ProjectReportsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Tracked hours by client, project, task or employee; billable amounts; budget used',
    description: 'Scoped like the reports: a manager their teams, an employee themself.',
  })
  @ApiOkResponse({ type: ProjectReportDto })
  async getProjectReport(
    @CurrentPrincipal() p: Principal,
    @Query() q: ProjectReportQueryDto,
  ): Promise<ProjectReportDto> {
    return this.reports.report(p, q);
  }
}

@ApiTags('projects')
@ApiBearerAuth()
@Controller('project-settings')
export class ProjectSettingsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'The organization’s default hourly rate and currency' })
  @ApiOkResponse({ type: ProjectSettingsDto })
  getProjectSettings(@CurrentPrincipal() p: Principal): Promise<ProjectSettingsDto> {
    return this.projects.settings(p);
  }

  @Patch()
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Change the default hourly rate or currency (owner, admin, hr)' })
  @ApiOkResponse({ type: ProjectSettingsDto })
  updateProjectSettings(
    @CurrentPrincipal() p: Principal,
    @Body() body: UpdateProjectSettingsDto,
  ): Promise<ProjectSettingsDto> {
    return this.projects.updateSettings(p, body);
  }

  @Get('employee-rates')
  @RequirePermissions('employees:read')
  @ApiOperation({ summary: 'Employees’ own hourly rates' })
  @ApiOkResponse({ type: EmployeeRateListDto })
  async listEmployeeRates(@CurrentPrincipal() p: Principal): Promise<EmployeeRateListDto> {
    return { items: await this.projects.employeeRates(p) };
  }

  @Put('employee-rates/:id')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Set (or clear with null) an employee’s own hourly rate' })
  @ApiOkResponse({ type: EmployeeRateDto })
  setEmployeeRate(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: SetEmployeeRateDto,
  ): Promise<EmployeeRateDto> {
    return this.projects.setEmployeeRate(p, id, body.hourlyRate);
  }
}
