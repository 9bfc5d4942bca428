import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto, type Page } from '#src/common/validation/common.dto.js';
import {
  CreateEmployeeDto,
  EmployeeDto,
  EmployeeListQueryDto,
  EmployeePageDto,
  UpdateEmployeeDto,
} from './employee.dto.js';
import { EmployeesService } from './employees.service.js';
import { EmployeeImportResultDto, ImportEmployeesDto } from './employee-import.dto.js';
import { EmployeeImportService } from './employee-import.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

/** Reads are scoped, not permission-gated: a manager sees their teams, an employee only themself. */
@ApiTags('employees')
@ApiBearerAuth()
@RequireScopes('employees:read')
@Controller('employees')
export class EmployeesController {
  constructor(
    @Inject(EmployeesService) private readonly employees: EmployeesService,
    @Inject(EmployeeImportService) private readonly imports: EmployeeImportService,
  ) {}

  @Post()
  @RequireScopes('employees:manage')
  @RequirePermissions('employees:manage')
  @ApiCreatedResponse({ type: EmployeeDto })
  @ApiConflictResponse({ description: 'An employee with this email exists in the organization.' })
  @ApiNotFoundResponse({ description: 'The team is not in this organization.' })
  @ApiOperation({ summary: 'Create an employee' })
  createEmployee(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateEmployeeDto,
  ): Promise<EmployeeDto> {
    return this.employees.create(p, dto);
  }

  @Post('import')
  @HttpCode(200)
  @RequireScopes('employees:manage')
  @RequirePermissions('employees:manage')
  @ApiOkResponse({
    type: EmployeeImportResultDto,
    description: 'Per-row results; rows with errors are skipped, the rest imported together.',
  })
  @ApiPayloadTooLargeResponse({ description: 'More than 5,000 rows, or a body over 2 MB.' })
  @ApiConflictResponse({ description: 'Employees or teams changed while importing.' })
  @ApiOperation({ summary: 'Import employees from CSV (or preview with dryRun)' })
  importEmployees(
    @CurrentPrincipal() p: Principal,
    @Body() dto: ImportEmployeesDto,
  ): Promise<EmployeeImportResultDto> {
    return this.imports.import(p, dto.csv, dto.dryRun ?? false);
  }

  @Get()
  @ApiOkResponse({ type: EmployeePageDto })
  @ApiOperation({ summary: 'List employees in the caller’s scope' })
  listEmployees(
    @CurrentPrincipal() p: Principal,
    @Query() query: EmployeeListQueryDto,
  ): Promise<Page<EmployeeDto>> {
    return this.employees.list(p, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: EmployeeDto })
  @ApiNotFoundResponse({ description: 'Unknown, in another organization, or outside your scope.' })
  @ApiOperation({ summary: 'One employee' })
  getEmployee(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<EmployeeDto> {
    return this.employees.get(p, id);
  }

  @Patch(':id')
  @RequireScopes('employees:manage')
  @RequirePermissions('employees:manage')
  @ApiOkResponse({ type: EmployeeDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiOperation({ summary: 'Change an employee' })
  updateEmployee(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: UpdateEmployeeDto,
  ): Promise<EmployeeDto> {
    return this.employees.update(p, id, dto);
  }

  @Post(':id/deactivate')
  @RequireScopes('employees:manage')
  @HttpCode(200)
  @RequirePermissions('employees:manage')
  @ApiOkResponse({ type: EmployeeDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Deactivate an employee' })
  deactivateEmployee(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<EmployeeDto> {
    return this.employees.setStatus(p, id, 'deactivated');
  }

  @Post(':id/activate')
  @RequireScopes('employees:manage')
  @HttpCode(200)
  @RequirePermissions('employees:manage')
  @ApiOkResponse({ type: EmployeeDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Reactivate an employee' })
  activateEmployee(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<EmployeeDto> {
    return this.employees.setStatus(p, id, 'active');
  }

  @Delete(':id')
  @RequireScopes('employees:manage')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Delete an employee' })
  deleteEmployee(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.employees.delete(p, id);
  }
}
