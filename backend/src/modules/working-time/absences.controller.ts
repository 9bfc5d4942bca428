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
import { RequirePermissions } from '../../common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '../../common/auth/principal.js';
import { UuidParamDto } from '../../common/validation/common.dto.js';
import {
  AbsenceDto,
  AbsenceListDto,
  AbsenceListQueryDto,
  CreateAbsenceDto,
} from './dto/absence.dto.js';
import { AbsencesService } from './absences.service.js';

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
  createAbsence(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateAbsenceDto,
  ): Promise<AbsenceDto> {
    return this.absences.create(p, body);
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'List absences in the caller’s scope',
    description:
      'Owner, admin and hr see the organization, a manager their teams, an employee themself.',
  })
  @ApiOkResponse({ type: AbsenceListDto })
  async listAbsences(
    @CurrentPrincipal() p: Principal,
    @Query() q: AbsenceListQueryDto,
  ): Promise<AbsenceListDto> {
    return { items: await this.absences.list(p, q) };
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
}
