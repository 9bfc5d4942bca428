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
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
  CreateTimeEntryDto,
  DecisionDto,
  TimeEntryDto,
  TimeEntryListDto,
  TimeEntryListQueryDto,
  UpdateTimeEntryDto,
} from './dto/time-entry.dto.js';
import { TimeEntriesService } from './time-entries.service.js';

const DECIDERS =
  'Owner, admin, hr or the employee’s manager; nobody decides their own (403). Outside the caller’s teams: 404.';
const CONFLICTS =
  'overlaps-tracked-time: the agent tracked active time in it. time-entry-overlaps: another pending or approved entry of the employee overlaps it. timesheet-not-open: its timesheet is submitted or approved. A locked period also answers 409.';

@ApiTags('timesheets')
@ApiBearerAuth()
@Controller('time-entries')
export class TimeEntriesController {
  constructor(@Inject(TimeEntriesService) private readonly entries: TimeEntriesService) {}

  @Post()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Add manual time',
    description:
      'Time the agent did not see, or an idle/offline stretch turned into work (kind meeting, call, other). At most 24 hours, not in the future. An employee’s own entry waits for approval unless the organization trusts manual time; a manager’s, HR’s or admin’s entry for someone else is approved.',
  })
  @ApiCreatedResponse({ type: TimeEntryDto })
  @ApiBadRequestResponse({
    description: 'end not after start, longer than a day, in the future, note too long.',
  })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({
    description: 'Employee or project not found (or in another organization).',
  })
  @ApiConflictResponse({ description: CONFLICTS })
  createTimeEntry(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateTimeEntryDto,
  ): Promise<TimeEntryDto> {
    return this.entries.create(p, body);
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Manual entries of an employee by local day (scoped like the reports)' })
  @ApiOkResponse({ type: TimeEntryListDto })
  @ApiNotFoundResponse()
  listTimeEntries(
    @CurrentPrincipal() p: Principal,
    @Query() q: TimeEntryListQueryDto,
  ): Promise<TimeEntryListDto> {
    return this.entries.list(p, q);
  }

  @Patch(':id')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Change a manual entry',
    description:
      'The employee’s own change waits for approval again (unless manual time is trusted); a decider’s change keeps its status. reason goes to the audit log.',
  })
  @ApiOkResponse({ type: TimeEntryDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICTS })
  updateTimeEntry(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateTimeEntryDto,
  ): Promise<TimeEntryDto> {
    return this.entries.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Delete a manual entry' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'Its timesheet is submitted or approved, or its period is locked.',
  })
  async deleteTimeEntry(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.entries.remove(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Approve a pending manual entry', description: DECIDERS })
  @ApiOkResponse({ type: TimeEntryDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already rejected.' })
  approveTimeEntry(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: DecisionDto,
  ): Promise<TimeEntryDto> {
    return this.entries.approve(p, id, body.comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Reject a pending manual entry', description: DECIDERS })
  @ApiOkResponse({ type: TimeEntryDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already approved.' })
  rejectTimeEntry(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: DecisionDto,
  ): Promise<TimeEntryDto> {
    return this.entries.reject(p, id, body.comment);
  }
}
