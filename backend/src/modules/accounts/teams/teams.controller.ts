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
  Put,
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
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto, type Page } from '#src/common/validation/common.dto.js';
import {
  CreateTeamDto,
  SetTeamManagersDto,
  TeamDto,
  TeamListQueryDto,
  TeamPageDto,
  UpdateTeamDto,
} from './team.dto.js';
import { TeamsService } from './teams.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('teams')
@ApiBearerAuth()
@RequireScopes('employees:read')
@Controller('teams')
export class TeamsController {
  constructor(@Inject(TeamsService) private readonly teams: TeamsService) {}

  @Post()
  @RequireScopes('employees:manage')
  @RequirePermissions('teams:manage')
  @ApiCreatedResponse({ type: TeamDto })
  @ApiConflictResponse({ description: 'A team with this name exists.' })
  @ApiOperation({ summary: 'Create a team' })
  createTeam(@CurrentPrincipal() p: Principal, @Body() dto: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(p, dto);
  }

  @Get()
  @RequirePermissions('teams:read')
  @ApiOkResponse({ type: TeamPageDto, description: 'A manager sees the teams they manage.' })
  @ApiOperation({ summary: 'List teams' })
  listTeams(
    @CurrentPrincipal() p: Principal,
    @Query() query: TeamListQueryDto,
  ): Promise<Page<TeamDto>> {
    return this.teams.list(p, query);
  }

  @Get(':id')
  @RequirePermissions('teams:read')
  @ApiOkResponse({ type: TeamDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'One team' })
  getTeam(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<TeamDto> {
    return this.teams.get(p, id);
  }

  @Patch(':id')
  @RequireScopes('employees:manage')
  @RequirePermissions('teams:manage')
  @ApiOkResponse({ type: TeamDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiOperation({ summary: 'Change a team' })
  updateTeam(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: UpdateTeamDto,
  ): Promise<TeamDto> {
    return this.teams.update(p, id, dto);
  }

  @Delete(':id')
  @RequireScopes('employees:manage')
  @HttpCode(204)
  @RequirePermissions('teams:manage')
  @ApiNoContentResponse({ description: 'Deleted; its employees stay, without a team.' })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Delete a team' })
  deleteTeam(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.teams.delete(p, id);
  }

  @Put(':id/managers')
  @RequireScopes('employees:manage')
  @RequirePermissions('teams:manage')
  @ApiOkResponse({ type: TeamDto })
  @ApiNotFoundResponse({ description: 'The team or one of the users is not in this organization.' })
  @ApiOperation({ summary: 'Set the managers of a team' })
  setTeamManagers(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: SetTeamManagersDto,
  ): Promise<TeamDto> {
    return this.teams.setManagers(p, id, dto.userIds);
  }
}
