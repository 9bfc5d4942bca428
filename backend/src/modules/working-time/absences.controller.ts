import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  AbsenceBalanceDto,
  AbsenceBalanceQueryDto,
  AbsenceDto,
  AbsenceListDto,
  AbsenceListQueryDto,
  CreateAbsenceDto,
} from './dto/absence.dto.js';
import { AbsencesService } from './absences.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

const DECIDERS =
  'Owner, admin, hr or the employee’s manager; nobody decides their own. Only a requested absence changes.';

@ApiTags('working-time')
@ApiBearerAuth()
@Controller('absences')
export class AbsencesController {
  constructor(@Inject(AbsencesService) private readonly absences: AbsencesService) {}

  @Post()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'File an absence (days inclusive)',
    description:
      'Filed by owner, admin or hr: approved. Filed by an employee for themself: requested until approved or rejected.',
  })
  @ApiCreatedResponse({ type: AbsenceDto })
  @ApiForbiddenResponse({ description: 'Filing for someone else without owner/admin/hr.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'absence-overlaps: a requested or approved absence of the employee shares a day with it. too-many-open-requests: 50 of the employee’s requests already wait for a decision.',
  })
  createAbsence(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateAbsenceDto,
  ): Promise<AbsenceDto> {
    return this.absences.create(p, body);
  }

  @Get()
  @RequireScopes('attendance:read')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'List absences in the caller’s scope',
    description:
      'Owner, admin and hr see the organization, a manager their teams, an employee themself. For a calendar: from/to select absences overlapping the range, across employees, with their names; pages of limit absences follow nextCursor.',
  })
  @ApiOkResponse({ type: AbsenceListDto })
  listAbsences(
    @CurrentPrincipal() p: Principal,
    @Query() q: AbsenceListQueryDto,
  ): Promise<AbsenceListDto> {
    return this.absences.list(p, q);
  }

  @Get('balance')
  @RequireScopes('attendance:read')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Vacation balance of an employee for a year',
    description:
      'Working days (by the employee’s schedule, Monday to Friday without one; holidays excluded) of approved and requested vacations within the year, against the yearly allowance. Scoped like the absence list.',
  })
  @ApiOkResponse({ type: AbsenceBalanceDto })
  @ApiNotFoundResponse()
  getAbsenceBalance(
    @CurrentPrincipal() p: Principal,
    @Query() q: AbsenceBalanceQueryDto,
  ): Promise<AbsenceBalanceDto> {
    return this.absences.balance(p, q);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Approve a requested absence', description: DECIDERS })
  @ApiOkResponse({ type: AbsenceDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already rejected.' })
  approveAbsence(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<AbsenceDto> {
    return this.absences.approve(p, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Reject a requested absence', description: DECIDERS })
  @ApiOkResponse({ type: AbsenceDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already approved.' })
  rejectAbsence(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<AbsenceDto> {
    return this.absences.reject(p, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Cancel an absence, freeing its days',
    description:
      'The employee withdraws their own request while it waits; owner, admin, hr or the employee’s manager cancel a requested or approved absence. Cancelling again is a harmless 200.',
  })
  @ApiOkResponse({ type: AbsenceDto })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Rejected, or approved and cancelled by its employee.' })
  cancelAbsence(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<AbsenceDto> {
    return this.absences.cancel(p, id);
  }
}
