import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { PeriodLocksService } from '#src/modules/period-locks/period-locks.service.js';
import { ExportDto } from '../dto/export.dto.js';
import {
  CreatePayrollExportDto,
  PayrollFieldListDto,
  PayrollMappingDto,
  PayrollPreviewDto,
  PayrollPreviewQueryDto,
} from '../dto/payroll.dto.js';
import { PayrollService } from './payroll.service.js';

@ApiTags('payroll')
@ApiBearerAuth()
@Controller('payroll')
export class PayrollController {
  constructor(
    @Inject(PayrollService) private readonly payroll: PayrollService,
    @Inject(PeriodLocksService) private readonly locks: PeriodLocksService,
  ) {}

  @Get('fields')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'The figures a payroll column can hold' })
  @ApiOkResponse({ type: PayrollFieldListDto })
  payrollFields(): PayrollFieldListDto {
    return { items: this.payroll.fields() };
  }

  @Get('mapping')
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'The organization’s payroll column mapping (the default until one is saved)',
  })
  @ApiOkResponse({ type: PayrollMappingDto })
  getPayrollMapping(@CurrentPrincipal() p: Principal): Promise<PayrollMappingDto> {
    return this.payroll.mapping(p.organizationId);
  }

  @Put('mapping')
  @RequirePermissions('organization:manage')
  @ApiOperation({
    summary: 'Save the payroll column mapping (owner, admin)',
    description:
      'Which columns, their headers and order, and the date and number formats of the file.',
  })
  @ApiOkResponse({ type: PayrollMappingDto })
  @ApiBadRequestResponse({
    description: 'Unknown field, duplicate or blank header, too many columns.',
  })
  putPayrollMapping(
    @CurrentPrincipal() p: Principal,
    @Body() body: PayrollMappingDto,
  ): Promise<PayrollMappingDto> {
    return this.payroll.saveMapping(p, body);
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'The first lines of a month’s payroll file, with the saved or a given mapping',
  })
  @ApiOkResponse({ type: PayrollPreviewDto })
  async previewPayroll(
    @CurrentPrincipal() p: Principal,
    @Body() body: PayrollPreviewQueryDto,
  ): Promise<PayrollPreviewDto> {
    const locked = await this.locks.isLocked(p.organizationId, body.month);
    return this.payroll.preview(p, body.month, body.mapping, locked);
  }

  @Post('exports')
  @HttpCode(202)
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Start a payroll export of a month (owner, admin, hr)',
    description:
      'Written by the worker like the other exports (GET /exports/{id} for progress, /exports/{id}/file to download). A locked month uses its frozen figures.',
  })
  @ApiAcceptedResponse({ type: ExportDto })
  createPayrollExport(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreatePayrollExportDto,
  ): Promise<ExportDto> {
    return this.payroll.startExport(p, body);
  }
}
