import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { AccessScopeService } from '../access-scope.service.js';
import { TeamEntity } from '../entities/team.entity.js';
import { CLOCK, type Clock } from '../clock.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { UsersRepository } from '../users/users.repository.js';
import { WorkScheduleAssignmentsService } from '../work-schedule-assignments.service.js';
import type { CreateTeamDto, TeamDto, TeamListQueryDto, UpdateTeamDto } from './team.dto.js';
import { TeamsRepository } from './teams.repository.js';

@Injectable()
export class TeamsService {
  constructor(
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkScheduleAssignmentsService)
    private readonly schedules: WorkScheduleAssignmentsService,
  ) {}

  async create(p: Principal, dto: CreateTeamDto): Promise<TeamDto> {
    const team: TeamEntity = Object.assign(new TeamEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      name: dto.name,
      createdAt: this.clock.now(),
    });
    try {
      await this.teams.insert(team);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
    return toTeamDto(team, []);
  }

  async list(p: Principal, query: TeamListQueryDto): Promise<Page<TeamDto>> {
    const onlyIds = await this.scope.visibleTeamIds(p);
    const { items, total } = await this.teams.list(
      p.organizationId,
      { onlyIds, search: query.search },
      query,
    );
    const managers = await this.teams.managersOf(
      p.organizationId,
      items.map((t) => t.id),
    );
    return {
      items: items.map((t) => toTeamDto(t, managers.get(t.id) ?? [])),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(p: Principal, id: string): Promise<TeamDto> {
    const team = await this.visibleTeam(p, id);
    const managers = await this.teams.managersOf(p.organizationId, [id]);
    return toTeamDto(team, managers.get(id) ?? []);
  }

  async update(p: Principal, id: string, dto: UpdateTeamDto): Promise<TeamDto> {
    await this.visibleTeam(p, id);
    if (dto.name !== undefined) {
      try {
        await this.teams.rename(p.organizationId, id, dto.name);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
    }
    if (dto.workScheduleId !== undefined) {
      if (dto.workScheduleId !== null)
        await this.schedules.assertSchedule(p.organizationId, dto.workScheduleId);
      await this.teams.setWorkSchedule(p.organizationId, id, dto.workScheduleId);
    }
    return this.get(p, id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.visibleTeam(p, id);
    await this.teams.delete(p.organizationId, id);
  }

  /** Managers must be active or invited users of the same organization; others answer 404. */
  async setManagers(p: Principal, id: string, userIds: string[]): Promise<TeamDto> {
    await this.visibleTeam(p, id);
    const unique = [...new Set(userIds)];
    const users = await this.users.findByIds(p.organizationId, unique);
    if (users.length !== unique.length) throw new NotFoundError('User');
    const inactive = users.filter((u) => u.status === 'deactivated');
    if (inactive.length > 0) {
      throw new ValidationFailedError(
        inactive.map((u) => ({
          path: `userIds[${unique.indexOf(u.id)}]`,
          message: 'user is deactivated',
        })),
      );
    }
    await this.teams.setManagers(p.organizationId, id, unique);
    return this.get(p, id);
  }

  /** Names of the organization's teams by id (deleted ones are absent). */
  async namesByIds(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const teams = unique.length ? await this.teams.findByIds(organizationId, unique) : [];
    return new Map(teams.map((t) => [t.id, t.name]));
  }

  private async visibleTeam(p: Principal, id: string): Promise<TeamEntity> {
    const team = await this.teams.findById(p.organizationId, id);
    const visible = await this.scope.visibleTeamIds(p);
    if (!team || (visible && !visible.includes(id))) throw new NotFoundError('Team');
    return team;
  }
}

function nameTaken(): ConflictError {
  return new ConflictError('A team with this name already exists.', 'team-name-taken');
}

function toTeamDto(team: TeamEntity, managerUserIds: string[]): TeamDto {
  return {
    id: team.id,
    name: team.name,
    managerUserIds,
    workScheduleId: team.workScheduleId ?? null,
    createdAt: new Date(team.createdAt).toISOString(),
  };
}
