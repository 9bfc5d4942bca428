import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  UpdateVacationAllowanceDto,
  UpdateVacationPolicyDto,
  VacationAllowanceDto,
  VacationAllowanceListDto,
  VacationPolicyDto,
} from './dto/vacation-policy.dto.js';
import { VacationPolicyService } from './vacation-policy.service.js';

@ApiTags('working-time')
@ApiBearerAuth()
@Controller('vacation-policy')
export class VacationPolicyController {
  constructor(@Inject(VacationPolicyService) private readonly policy: VacationPolicyService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'The organization’s vacation days a year' })
  @ApiOkResponse({ type: VacationPolicyDto })
  getVacationPolicy(@CurrentPrincipal() p: Principal): Promise<VacationPolicyDto> {
    return this.policy.getPolicy(p);
  }

  @Put()
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Set the organization’s vacation days a year (owner, admin, hr)',
    description: 'Applies to every employee without days of their own, in every year.',
  })
  @ApiOkResponse({ type: VacationPolicyDto })
  updateVacationPolicy(
    @CurrentPrincipal() p: Principal,
    @Body() body: UpdateVacationPolicyDto,
  ): Promise<VacationPolicyDto> {
    return this.policy.updatePolicy(p, body);
  }

  @Get('employees')
  @RequirePermissions('employees:read')
  @ApiOperation({ summary: 'Employees in the caller’s scope with vacation days of their own' })
  @ApiOkResponse({ type: VacationAllowanceListDto })
  async listVacationAllowances(
    @CurrentPrincipal() p: Principal,
  ): Promise<VacationAllowanceListDto> {
    return { items: await this.policy.listAllowances(p) };
  }

  @Get('employees/:id')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'An employee’s vacation days a year',
    description: 'Their own days if set, and the days in force. Scoped like the absence list.',
  })
  @ApiOkResponse({ type: VacationAllowanceDto })
  @ApiNotFoundResponse()
  getVacationAllowance(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<VacationAllowanceDto> {
    return this.policy.getAllowance(p, id);
  }

  @Put('employees/:id')
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Give an employee vacation days of their own (owner, admin, hr)',
    description: 'null removes them: the organization’s days apply again.',
  })
  @ApiOkResponse({ type: VacationAllowanceDto })
  @ApiNotFoundResponse()
  updateVacationAllowance(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateVacationAllowanceDto,
  ): Promise<VacationAllowanceDto> {
    return this.policy.updateAllowance(p, id, body);
  }
}
