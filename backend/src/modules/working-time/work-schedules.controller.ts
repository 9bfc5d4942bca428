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
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreateWorkScheduleDto,
  UpdateWorkScheduleDto,
  WorkScheduleDto,
  WorkScheduleListDto,
} from './dto/work-schedule.dto.js';
import { WorkSchedulesService } from './work-schedules.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('working-time')
@ApiBearerAuth()
@Controller('work-schedules')
export class WorkSchedulesController {
  constructor(@Inject(WorkSchedulesService) private readonly schedules: WorkSchedulesService) {}

  @Post()
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Create a work schedule (owner, admin, hr)',
    description:
      'Weekdays 1–7 (1 = Monday) at most once each, local wall times HH:MM with end after start. default: true makes it the organization’s default.',
  })
  @ApiCreatedResponse({ type: WorkScheduleDto })
  createWorkSchedule(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateWorkScheduleDto,
  ): Promise<WorkScheduleDto> {
    return this.schedules.create(p, body);
  }

  @Get()
  @RequireScopes('attendance:read')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'List the organization’s work schedules' })
  @ApiOkResponse({ type: WorkScheduleListDto })
  async listWorkSchedules(@CurrentPrincipal() p: Principal): Promise<WorkScheduleListDto> {
    return { items: await this.schedules.list(p) };
  }

  @Get(':id')
  @RequireScopes('attendance:read')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'One work schedule' })
  @ApiOkResponse({ type: WorkScheduleDto })
  @ApiNotFoundResponse()
  getWorkSchedule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<WorkScheduleDto> {
    return this.schedules.get(p, id);
  }

  @Patch(':id')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Change a work schedule (owner, admin, hr)' })
  @ApiOkResponse({ type: WorkScheduleDto })
  @ApiNotFoundResponse()
  updateWorkSchedule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateWorkScheduleDto,
  ): Promise<WorkScheduleDto> {
    return this.schedules.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete a work schedule that no employee or team has' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The schedule is assigned to an employee or a team.' })
  async deleteWorkSchedule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.schedules.delete(p, id);
  }
}
