import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { DecisionDto } from './dto/time-entry.dto.js';
import {
  ApprovalInboxDto,
  ReturnTimesheetDto,
  SubmitTimesheetDto,
  TimesheetDto,
  TimesheetQueryDto,
  TimesheetSettingsDto,
  UpdateTimesheetSettingsDto,
} from './dto/timesheet.dto.js';
import { TimesheetsService } from './timesheets.service.js';

const DECIDERS =
  'Owner, admin, hr or the employee’s manager; nobody decides their own timesheet (403). Outside the caller’s teams: 404.';

@ApiTags('timesheets')
@ApiBearerAuth()
@Controller('timesheets')
export class TimesheetsController {
  constructor(@Inject(TimesheetsService) private readonly sheets: TimesheetsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'An employee’s timesheet for the period containing a day',
    description:
      'Days × projects with tracked seconds (allocated by project, null = unallocated) and manual seconds (approved, and pending apart). Scoped like the reports.',
  })
  @ApiOkResponse({ type: TimesheetDto })
  @ApiNotFoundResponse()
  getTimesheet(
    @CurrentPrincipal() p: Principal,
    @Query() q: TimesheetQueryDto,
  ): Promise<TimesheetDto> {
    return this.sheets.get(p, q);
  }

  @Post('submit')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Submit one’s own timesheet for approval (open or sent back)' })
  @ApiOkResponse({ type: TimesheetDto })
  @ApiForbiddenResponse({ description: 'The login is not linked to an employee.' })
  @ApiConflictResponse({ description: 'Already submitted or approved; or the period is locked.' })
  submitTimesheet(
    @CurrentPrincipal() p: Principal,
    @Body() body: SubmitTimesheetDto,
  ): Promise<TimesheetDto> {
    return this.sheets.submit(p, body.day);
  }

  @Get('approvals')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Approvals inbox',
    description:
      'Submitted timesheets and pending manual entries the caller may decide: a manager’s teams, everyone for owner, admin and hr; never the caller’s own.',
  })
  @ApiOkResponse({ type: ApprovalInboxDto })
  @ApiForbiddenResponse({ description: 'Employees have no inbox.' })
  getApprovalInbox(@CurrentPrincipal() p: Principal): Promise<ApprovalInboxDto> {
    return this.sheets.inbox(p);
  }

  @Get('settings')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'The organization’s timesheet settings' })
  @ApiOkResponse({ type: TimesheetSettingsDto })
  getTimesheetSettings(@CurrentPrincipal() p: Principal): Promise<TimesheetSettingsDto> {
    return this.sheets.settings(p);
  }

  @Put('settings')
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Change the timesheet settings (owner, admin, hr)',
    description:
      'trustManualTime: manual entries count without approval. period: weekly or monthly.',
  })
  @ApiOkResponse({ type: TimesheetSettingsDto })
  @ApiForbiddenResponse()
  updateTimesheetSettings(
    @CurrentPrincipal() p: Principal,
    @Body() body: UpdateTimesheetSettingsDto,
  ): Promise<TimesheetSettingsDto> {
    return this.sheets.updateSettings(p, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Approve a submitted timesheet (and its pending manual entries)',
    description: DECIDERS,
  })
  @ApiOkResponse({ type: TimesheetDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'Not submitted (sent back or still open), or period locked.',
  })
  approveTimesheet(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: DecisionDto,
  ): Promise<TimesheetDto> {
    return this.sheets.approve(p, id, body.comment);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Send a submitted timesheet back with a comment',
    description: DECIDERS,
  })
  @ApiOkResponse({ type: TimesheetDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not submitted (already approved), or period locked.' })
  returnTimesheet(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: ReturnTimesheetDto,
  ): Promise<TimesheetDto> {
    return this.sheets.sendBack(p, id, body.comment);
  }
}
