import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '#src/modules/accounts/access-scope.service.js';
import { TeamsRepository } from '#src/modules/accounts/teams/teams.repository.js';
import { isValidDay, localDayBounds } from '#src/modules/activity/counting/time-zone.js';
import type {
  CreateAllocationOverridesDto,
  CreateAllocationRuleDto,
  DayAllocationDto,
  UpdateAllocationRuleDto,
} from '../dto/allocation.dto.js';
import {
  AllocationOverrideEntity,
  AllocationRuleEntity,
  type AllocationRuleKind,
} from '../entities/project.entities.js';
import { ProjectsRepository } from '../projects.repository.js';
import { ProjectsService } from '../projects.service.js';
import { ProjectTimeService } from '../project-time.service.js';
import { normalizeAllocationPattern } from './allocation-book.js';
import { AllocationRepository } from './allocation.repository.js';
import { timedPieces } from './day-allocation.js';

const MAX_RULES = 5_000;

function canManage(p: Principal): boolean {
  return p.role === 'owner' || p.role === 'admin' || p.role === 'hr';
}

/** Allocation rules (owner/admin/hr manage, managers read) and employees' own allocations. */
@Injectable()
export class AllocationService {
  constructor(
    @Inject(AllocationRepository) private readonly repo: AllocationRepository,
    @Inject(ProjectsRepository) private readonly catalog: ProjectsRepository,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(ProjectTimeService) private readonly time: ProjectTimeService,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  async list(p: Principal, teamId?: string): Promise<AllocationRuleEntity[]> {
    if (p.role === 'employee') throw new ForbiddenError('Employees do not see allocation rules.');
    const visible = await this.scope.visibleTeamIds(p);
    if (teamId && visible !== undefined && !visible.includes(teamId))
      throw new NotFoundError('Team');
    // Owners/admins/HR see every team, but only their organization's: another's id is unknown.
    if (teamId && !(await this.teams.findById(p.organizationId, teamId)))
      throw new NotFoundError('Team');
    return (await this.repo.listRules(p.organizationId)).filter((r) =>
      teamId !== undefined
        ? r.teamId === teamId
        : r.teamId === null || visible === undefined || visible.includes(r.teamId),
    );
  }

  async get(p: Principal, id: string): Promise<AllocationRuleEntity> {
    const rule = await this.repo.findRule(p.organizationId, id);
    if (!rule) throw new NotFoundError('Allocation rule');
    const visible = p.role === 'employee' ? [] : await this.scope.visibleTeamIds(p);
    if (rule.teamId !== null && visible !== undefined && !visible.includes(rule.teamId))
      throw new NotFoundError('Allocation rule');
    if (p.role === 'employee') throw new NotFoundError('Allocation rule');
    return rule;
  }

  async create(p: Principal, body: CreateAllocationRuleDto): Promise<AllocationRuleEntity> {
    this.assertManage(p);
    const normalized = this.normalize(body.kind, body.pattern);
    await this.checkTarget(p.organizationId, body.projectId, body.taskId ?? null);
    if (body.teamId && !(await this.teams.findById(p.organizationId, body.teamId)))
      throw new NotFoundError('Team');
    if ((await this.repo.listRules(p.organizationId)).length >= MAX_RULES)
      throw new ValidationFailedError([{ path: 'pattern', message: `at most ${MAX_RULES} rules` }]);
    const rule = Object.assign(new AllocationRuleEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      teamId: body.teamId ?? null,
      kind: body.kind,
      pattern: body.kind === 'site' ? normalized : body.pattern.trim(),
      normalized,
      projectId: body.projectId,
      taskId: body.taskId ?? null,
    });
    await this.repo.saveRule(rule);
    return (await this.repo.findRule(p.organizationId, rule.id))!;
  }

  async update(
    p: Principal,
    id: string,
    body: UpdateAllocationRuleDto,
  ): Promise<AllocationRuleEntity> {
    this.assertManage(p);
    const rule = await this.get(p, id);
    const kind = body.kind ?? rule.kind;
    const pattern = body.pattern ?? rule.pattern;
    const normalized = this.normalize(kind, pattern);
    const projectId = body.projectId ?? rule.projectId;
    const taskId = body.taskId !== undefined ? body.taskId : body.projectId ? null : rule.taskId;
    await this.checkTarget(p.organizationId, projectId, taskId);
    Object.assign(rule, {
      kind,
      pattern: kind === 'site' ? normalized : pattern.trim(),
      normalized,
      projectId,
      taskId,
    });
    await this.repo.saveRule(rule);
    return rule;
  }

  async delete(p: Principal, id: string): Promise<void> {
    this.assertManage(p);
    await this.get(p, id);
    await this.repo.deleteRule(p.organizationId, id);
  }

  private assertManage(p: Principal): void {
    if (!canManage(p))
      throw new ForbiddenError('Only owners, admins and HR manage allocation rules.');
  }

  private normalize(kind: AllocationRuleKind, pattern: string): string {
    const n = normalizeAllocationPattern(kind, pattern);
    if (!n)
      throw new ValidationFailedError([
        {
          path: 'pattern',
          message:
            kind === 'site'
              ? 'pattern must be a host name such as example.com'
              : 'pattern must not be empty',
        },
      ]);
    return n;
  }

  private async checkTarget(org: string, projectId: string, taskId: string | null): Promise<void> {
    if (!(await this.catalog.findProject(org, projectId))) throw new NotFoundError('Project');
    if (taskId && !(await this.catalog.findTask(org, projectId, taskId)))
      throw new NotFoundError('Task');
  }

  /** One employee's day as stretches of one allocation each (own day, or someone in scope). */
  async day(p: Principal, day: string, employeeId?: string): Promise<DayAllocationDto> {
    if (!isValidDay(day))
      throw new ValidationFailedError([{ path: 'day', message: 'day is not a calendar day' }]);
    const id = employeeId ?? p.employeeId;
    if (!id) throw new NotFoundError('Employee');
    const employee = await this.scope.assertCanSeeEmployee(p, id);
    const bounds = localDayBounds(employee.timeZone, day);
    const [spans, overrides, book] = await Promise.all([
      // The day a person allocates from must show what they just tracked: the primary.
      this.time.activeSpans([employee.id], bounds.startMs, bounds.endMs, 'primary'),
      this.repo.overridesOf([employee.id], bounds.startMs, bounds.endMs),
      this.time.book(p.organizationId),
    ]);
    const pieces = timedPieces(
      spans.get(employee.id) ?? [],
      bounds.startMs,
      bounds.endMs,
      overrides.map((o, order) => ({ ...o, order })),
      book,
      employee.teamId,
    );
    const ms = (x: { startMs: number; endMs: number }) => x.endMs - x.startMs;
    const active = pieces.reduce((a, x) => a + ms(x), 0);
    const unallocated = pieces.filter((x) => x.projectId === null).reduce((a, x) => a + ms(x), 0);
    return {
      day,
      employeeId: employee.id,
      activeSeconds: Math.round(active / 1000),
      unallocatedSeconds: Math.round(unallocated / 1000),
      pieces: pieces.map((x) => ({
        start: new Date(x.startMs).toISOString(),
        end: new Date(x.endMs).toISOString(),
        seconds: Math.round(ms(x) / 1000),
        projectId: x.projectId,
        taskId: x.taskId,
        overrideId: x.overrideId,
      })),
    };
  }

  /** The caller allocates stretches of their own tracked time to a project they may book to. */
  async allocate(
    p: Principal,
    body: CreateAllocationOverridesDto,
  ): Promise<AllocationOverrideEntity[]> {
    if (!p.employeeId)
      throw new ForbiddenError('Only a tracked employee allocates their own time.');
    await this.projects.assertBookable(
      p.organizationId,
      body.projectId,
      body.taskId ?? null,
      p.employeeId,
    );
    const now = Date.now();
    const rows = body.ranges.map((r, i) => {
      const startMs = Date.parse(r.start);
      const endMs = Date.parse(r.end);
      if (!(endMs > startMs))
        throw new ValidationFailedError([
          { path: `ranges.${i}.end`, message: 'end must be after start' },
        ]);
      if (endMs - startMs > 86_400_000)
        throw new ValidationFailedError([
          { path: `ranges.${i}.end`, message: 'a range covers at most 24 hours' },
        ]);
      if (startMs > now + 600_000)
        throw new ValidationFailedError([
          { path: `ranges.${i}.start`, message: 'start must not be in the future' },
        ]);
      return Object.assign(new AllocationOverrideEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        employeeId: p.employeeId!,
        startMs,
        endMs,
        projectId: body.projectId,
        taskId: body.taskId ?? null,
        createdBy: p.userId,
      });
    });
    for (const r of rows) await this.repo.insertOverride(r);
    return rows;
  }

  async removeOverride(p: Principal, id: string): Promise<void> {
    if (!p.employeeId || !(await this.repo.deleteOverride(p.organizationId, p.employeeId, id)))
      throw new NotFoundError('Allocation');
  }
}
