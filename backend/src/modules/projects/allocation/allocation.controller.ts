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
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  AllocationOverrideListDto,
  AllocationRuleDto,
  AllocationRuleListDto,
  CreateAllocationOverridesDto,
  CreateAllocationRuleDto,
  DayAllocationDto,
  DayQueryDto,
  ListAllocationRulesQueryDto,
  UpdateAllocationRuleDto,
} from '../dto/allocation.dto.js';
import type { AllocationRuleEntity } from '../entities/project.entities.js';
import { AllocationService } from './allocation.service.js';

function ruleDto(r: AllocationRuleEntity): AllocationRuleDto {
  return {
    id: r.id,
    kind: r.kind,
    pattern: r.pattern,
    projectId: r.projectId,
    taskId: r.taskId,
    teamId: r.teamId,
  };
}

@ApiTags('projects')
@ApiBearerAuth()
@Controller('allocation-rules')
export class AllocationRulesController {
  constructor(@Inject(AllocationService) private readonly allocation: AllocationService) {}

  @Get()
  @RequirePermissions('rules:read')
  @ApiOperation({ summary: 'Allocation rules of the organization and the teams the caller sees' })
  @ApiOkResponse({ type: AllocationRuleListDto })
  async listAllocationRules(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListAllocationRulesQueryDto,
  ): Promise<AllocationRuleListDto> {
    return { items: (await this.allocation.list(p, q.teamId)).map(ruleDto) };
  }

  @Post()
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Create an allocation rule (owner, admin, hr)',
    description:
      'Applies to past tracked time at once. Precedence: team rules over organization rules; then title > site > application.',
  })
  @ApiCreatedResponse({ type: AllocationRuleDto })
  async createAllocationRule(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateAllocationRuleDto,
  ): Promise<AllocationRuleDto> {
    return ruleDto(await this.allocation.create(p, body));
  }

  @Get(':id')
  @RequirePermissions('rules:read')
  @ApiOperation({ summary: 'One allocation rule' })
  @ApiOkResponse({ type: AllocationRuleDto })
  async getAllocationRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<AllocationRuleDto> {
    return ruleDto(await this.allocation.get(p, id));
  }

  @Patch(':id')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Change an allocation rule' })
  @ApiOkResponse({ type: AllocationRuleDto })
  async updateAllocationRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateAllocationRuleDto,
  ): Promise<AllocationRuleDto> {
    return ruleDto(await this.allocation.update(p, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete an allocation rule' })
  @ApiNoContentResponse()
  async deleteAllocationRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.allocation.delete(p, id);
  }
}

@ApiTags('projects')
@ApiBearerAuth()
@Controller('project-time')
export class ProjectTimeController {
  constructor(@Inject(AllocationService) private readonly allocation: AllocationService) {}

  @Get('day')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'A day’s tracked active time as stretches allocated to projects (or unallocated)',
    description: 'Own day by default; employeeId for someone in the caller’s scope.',
  })
  @ApiOkResponse({ type: DayAllocationDto })
  async getProjectDay(
    @CurrentPrincipal() p: Principal,
    @Query() q: DayQueryDto,
  ): Promise<DayAllocationDto> {
    return this.allocation.day(p, q.day, q.employeeId);
  }

  @Post('allocations')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Allocate stretches of one’s own tracked time to a project (bulk)',
    description:
      'Overrides every rule inside the ranges. 403 not-project-member, 409 archived project.',
  })
  @ApiCreatedResponse({ type: AllocationOverrideListDto })
  async createAllocations(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateAllocationOverridesDto,
  ): Promise<AllocationOverrideListDto> {
    const rows = await this.allocation.allocate(p, body);
    return {
      items: rows.map((o) => ({
        id: o.id,
        start: new Date(o.startMs).toISOString(),
        end: new Date(o.endMs).toISOString(),
        projectId: o.projectId,
        taskId: o.taskId,
      })),
    };
  }

  @Delete('allocations/:id')
  @HttpCode(204)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Undo one of one’s own allocations (the rules apply again)' })
  @ApiNoContentResponse()
  async deleteAllocation(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.allocation.removeOverride(p, id);
  }
}
