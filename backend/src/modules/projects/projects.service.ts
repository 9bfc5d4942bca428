import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { normalizeSitePattern } from '../activity/rules/rule-matcher.js';
import type {
  CreateClientDto,
  CreateMemberDto,
  CreateProjectDto,
  CreateTaskDto,
  UpdateClientDto,
  UpdateProjectDto,
  UpdateTaskDto,
} from './dto/catalog.dto.js';
import {
  ProjectClientEntity,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectTaskEntity,
} from './entities/project.entities.js';
import { ProjectsRepository } from './projects.repository.js';

/** Another module's say on whether a project (or task) has booked time (manual entries, say). */
export type BookingCheck = (
  organizationId: string,
  projectId: string,
  taskId: string | null,
) => Promise<boolean>;

/** The caller is not a member of the project: booking to it is refused (403). */
export class NotProjectMemberError extends DomainError {
  constructor() {
    super(
      403,
      'not-project-member',
      'Forbidden',
      'The employee is not a member of this project: ask an administrator to add them or their team.',
    );
  }
}

export const toCents = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Math.round(v * 100);
export const fromCents = (v: number | null): number | null => (v === null ? null : v / 100);

function canManage(p: Principal): boolean {
  return p.role === 'owner' || p.role === 'admin' || p.role === 'hr';
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Clients, projects, tasks and members. owner/admin/hr manage; managers read everything; an
 * employee reads the projects they may book to (member directly or through their team, or a
 * project without members). Another organization's ids answer 404.
 */
@Injectable()
export class ProjectsService {
  private readonly bookingChecks: BookingCheck[] = [];

  constructor(
    @Inject(ProjectsRepository) private readonly repo: ProjectsRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  /** Modules that book time to projects (timesheets) register here: delete then answers 409. */
  registerBookingCheck(check: BookingCheck): void {
    this.bookingChecks.push(check);
  }

  private assertManager(p: Principal): void {
    if (!canManage(p)) throw new ForbiddenError('Only owners, admins and HR manage projects.');
  }

  // Clients

  listClients(p: Principal): Promise<ProjectClientEntity[]> {
    return this.repo.listClients(p.organizationId);
  }

  async getClient(p: Principal, id: string): Promise<ProjectClientEntity> {
    const c = await this.repo.findClient(p.organizationId, id);
    if (!c) throw new NotFoundError('Client');
    return c;
  }

  async createClient(p: Principal, body: CreateClientDto): Promise<ProjectClientEntity> {
    this.assertManager(p);
    const c = Object.assign(new ProjectClientEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      name: body.name,
      domain: this.domain(body.domain),
      archived: false,
    });
    await this.repo.saveClient(c);
    return this.getClient(p, c.id);
  }

  async updateClient(
    p: Principal,
    id: string,
    body: UpdateClientDto,
  ): Promise<ProjectClientEntity> {
    this.assertManager(p);
    const c = await this.getClient(p, id);
    if (body.name !== undefined) c.name = body.name;
    if (body.domain !== undefined) c.domain = this.domain(body.domain);
    if (body.archived !== undefined) c.archived = body.archived;
    await this.repo.saveClient(c);
    return c;
  }

  async deleteClient(p: Principal, id: string): Promise<void> {
    this.assertManager(p);
    await this.getClient(p, id);
    if ((await this.repo.countProjectsOfClient(p.organizationId, id)) > 0)
      throw new ConflictError(
        'The client has projects: archive the client instead, or delete its projects first.',
        'client-has-projects',
      );
    await this.repo.deleteClient(p.organizationId, id);
  }

  private domain(input: string | null | undefined): string | null {
    if (input === null || input === undefined || input.trim() === '') return null;
    const host = normalizeSitePattern(input);
    if (!host)
      throw new ValidationFailedError([{ path: 'domain', message: 'domain must be a host name' }]);
    return host;
  }

  // Projects

  async listProjects(p: Principal, includeArchived = true): Promise<ProjectEntity[]> {
    const all = await this.repo.listProjects(p.organizationId);
    const visible =
      p.role === 'employee' ? await this.bookableFilter(p.organizationId, p.employeeId, all) : all;
    return includeArchived ? visible : visible.filter((x) => !x.archived);
  }

  async getProject(p: Principal, id: string): Promise<ProjectEntity> {
    const project = await this.repo.findProject(p.organizationId, id);
    if (!project) throw new NotFoundError('Project');
    if (p.role === 'employee') {
      const ok = await this.bookableFilter(p.organizationId, p.employeeId, [project]);
      if (ok.length === 0) throw new NotFoundError('Project');
    }
    return project;
  }

  /** Projects by id for reports (no scoping: the caller scopes). */
  projectsOf(organizationId: string): Promise<ProjectEntity[]> {
    return this.repo.listProjects(organizationId);
  }

  async createProject(p: Principal, body: CreateProjectDto): Promise<ProjectEntity> {
    this.assertManager(p);
    await this.checkClient(p, body.clientId);
    this.checkBudgetEnd(body.budgetEndsOn);
    const project = Object.assign(new ProjectEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      clientId: body.clientId ?? null,
      name: body.name,
      code: body.code ? body.code : null,
      billable: body.billable ?? true,
      hourlyRateCents: toCents(body.hourlyRate),
      budgetSeconds: body.budgetHours == null ? null : Math.round(body.budgetHours * 3600),
      budgetEndsOn: body.budgetEndsOn ?? null,
      archived: false,
    });
    await this.repo.saveProject(project);
    return (await this.repo.findProject(p.organizationId, project.id))!;
  }

  async updateProject(p: Principal, id: string, body: UpdateProjectDto): Promise<ProjectEntity> {
    this.assertManager(p);
    const project = await this.getProject(p, id);
    if (body.clientId !== undefined) {
      await this.checkClient(p, body.clientId);
      project.clientId = body.clientId ?? null;
    }
    if (body.budgetEndsOn !== undefined && body.budgetEndsOn !== project.budgetEndsOn) {
      this.checkBudgetEnd(body.budgetEndsOn);
      project.budgetEndsOn = body.budgetEndsOn ?? null;
    }
    if (body.name !== undefined) project.name = body.name;
    if (body.code !== undefined) project.code = body.code ? body.code : null;
    if (body.billable !== undefined) project.billable = body.billable;
    if (body.hourlyRate !== undefined) project.hourlyRateCents = toCents(body.hourlyRate);
    if (body.budgetHours !== undefined)
      project.budgetSeconds =
        body.budgetHours === null ? null : Math.round(body.budgetHours * 3600);
    if (body.archived !== undefined) project.archived = body.archived;
    await this.repo.saveProject(project);
    return project;
  }

  async deleteProject(p: Principal, id: string): Promise<void> {
    this.assertManager(p);
    await this.getProject(p, id);
    if (await this.isBooked(p.organizationId, id, null))
      throw new ConflictError(
        'Time was booked or allocated to this project (or a rule allocates to it): archive it instead.',
        'project-has-time',
      );
    await this.repo.deleteProject(p.organizationId, id);
  }

  private async isBooked(org: string, projectId: string, taskId: string | null): Promise<boolean> {
    if (await this.repo.isReferenced(org, projectId, taskId ?? undefined)) return true;
    for (const check of this.bookingChecks) if (await check(org, projectId, taskId)) return true;
    return false;
  }

  private async checkClient(p: Principal, clientId: string | null | undefined): Promise<void> {
    if (!clientId) return;
    const c = await this.repo.findClient(p.organizationId, clientId);
    if (!c) throw new NotFoundError('Client');
  }

  private checkBudgetEnd(day: string | null | undefined): void {
    if (!day) return;
    const valid = !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
    if (!valid || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
      throw new ValidationFailedError([
        { path: 'budgetEndsOn', message: 'budgetEndsOn is not a calendar day' },
      ]);
    if (day < todayUtc())
      throw new ValidationFailedError([
        { path: 'budgetEndsOn', message: 'budgetEndsOn must not be in the past' },
      ]);
  }

  // Tasks

  async listTasks(p: Principal, projectId: string): Promise<ProjectTaskEntity[]> {
    await this.getProject(p, projectId);
    return this.repo.listTasks(p.organizationId, [projectId]);
  }

  tasksOf(organizationId: string): Promise<ProjectTaskEntity[]> {
    return this.repo.listTasks(organizationId);
  }

  async createTask(
    p: Principal,
    projectId: string,
    body: CreateTaskDto,
  ): Promise<ProjectTaskEntity> {
    this.assertManager(p);
    await this.getProject(p, projectId);
    const t = Object.assign(new ProjectTaskEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      projectId,
      name: body.name,
      archived: false,
    });
    await this.repo.saveTask(t);
    return (await this.repo.findTask(p.organizationId, projectId, t.id))!;
  }

  async getTask(p: Principal, projectId: string, taskId: string): Promise<ProjectTaskEntity> {
    await this.getProject(p, projectId);
    const t = await this.repo.findTask(p.organizationId, projectId, taskId);
    if (!t) throw new NotFoundError('Task');
    return t;
  }

  async updateTask(
    p: Principal,
    projectId: string,
    taskId: string,
    body: UpdateTaskDto,
  ): Promise<ProjectTaskEntity> {
    this.assertManager(p);
    const t = await this.getTask(p, projectId, taskId);
    if (body.name !== undefined) t.name = body.name;
    if (body.archived !== undefined) t.archived = body.archived;
    await this.repo.saveTask(t);
    return t;
  }

  async deleteTask(p: Principal, projectId: string, taskId: string): Promise<void> {
    this.assertManager(p);
    await this.getTask(p, projectId, taskId);
    if (await this.isBooked(p.organizationId, projectId, taskId))
      throw new ConflictError(
        'Time was booked or allocated to this task (or a rule allocates to it): archive it instead.',
        'task-has-time',
      );
    await this.repo.deleteTask(p.organizationId, taskId);
  }

  // Settings and rates

  async settings(p: Principal): Promise<{ defaultHourlyRate: number; currency: string }> {
    const s = await this.repo.settings(p.organizationId);
    return { defaultHourlyRate: s.defaultHourlyRateCents / 100, currency: s.currency };
  }

  async updateSettings(
    p: Principal,
    body: { defaultHourlyRate?: number; currency?: string },
  ): Promise<{ defaultHourlyRate: number; currency: string }> {
    this.assertManager(p);
    await this.repo.saveSettings(p.organizationId, {
      ...(body.defaultHourlyRate !== undefined
        ? { defaultHourlyRateCents: toCents(body.defaultHourlyRate)! }
        : {}),
      ...(body.currency !== undefined ? { currency: body.currency } : {}),
    });
    return this.settings(p);
  }

  async employeeRates(p: Principal): Promise<{ employeeId: string; hourlyRate: number | null }[]> {
    if (p.role === 'employee') throw new ForbiddenError('Employees do not see rates.');
    return (await this.repo.employeeRates(p.organizationId)).map((r) => ({
      employeeId: r.employeeId,
      hourlyRate: fromCents(r.hourlyRateCents),
    }));
  }

  async setEmployeeRate(
    p: Principal,
    employeeId: string,
    rate: number | null,
  ): Promise<{ employeeId: string; hourlyRate: number | null }> {
    this.assertManager(p);
    if (!(await this.employees.findById(p.organizationId, employeeId)))
      throw new NotFoundError('Employee');
    await this.repo.setEmployeeRate(p.organizationId, employeeId, toCents(rate));
    return { employeeId, hourlyRate: rate };
  }

  // Members

  async listMembers(p: Principal, projectId: string): Promise<ProjectMemberEntity[]> {
    await this.getProject(p, projectId);
    return this.repo.listMembers(p.organizationId, [projectId]);
  }

  async addMember(
    p: Principal,
    projectId: string,
    body: CreateMemberDto,
  ): Promise<ProjectMemberEntity> {
    this.assertManager(p);
    await this.getProject(p, projectId);
    if ((body.teamId === undefined) === (body.employeeId === undefined))
      throw new ValidationFailedError([
        { path: 'teamId', message: 'give exactly one of teamId and employeeId' },
      ]);
    let kind: 'team' | 'employee';
    let memberId: string;
    if (body.teamId) {
      if (!(await this.teams.findById(p.organizationId, body.teamId)))
        throw new NotFoundError('Team');
      if (body.hourlyRate !== undefined && body.hourlyRate !== null)
        throw new ValidationFailedError([
          { path: 'hourlyRate', message: 'a rate is set for an employee member, not a team' },
        ]);
      kind = 'team';
      memberId = body.teamId;
    } else {
      if (!(await this.employees.findById(p.organizationId, body.employeeId!)))
        throw new NotFoundError('Employee');
      kind = 'employee';
      memberId = body.employeeId!;
    }
    if (await this.repo.findMemberBy(projectId, kind, memberId))
      throw new ConflictError(`This ${kind} is a member of the project already.`, 'already-member');
    const m = Object.assign(new ProjectMemberEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      projectId,
      memberKind: kind,
      memberId,
      hourlyRateCents: toCents(body.hourlyRate),
    });
    await this.repo.saveMember(m);
    return m;
  }

  async removeMember(p: Principal, projectId: string, memberId: string): Promise<void> {
    this.assertManager(p);
    await this.getProject(p, projectId);
    const m = await this.repo.findMember(p.organizationId, projectId, memberId);
    if (!m) throw new NotFoundError('Member');
    await this.repo.deleteMember(p.organizationId, memberId);
  }

  /**
   * Whether an employee may book time to a project (and task): 404 when the project or task is
   * unknown or another organization's (or the task is another project's), 409 when either is
   * archived, 403 (code not-project-member) when the employee is not a member. A project without
   * members is open to everyone in the organization.
   */
  async assertBookable(
    organizationId: string,
    projectId: string,
    taskId: string | null,
    employeeId: string,
  ): Promise<void> {
    const project = await this.repo.findProject(organizationId, projectId);
    if (!project) throw new NotFoundError('Project');
    let task: ProjectTaskEntity | null = null;
    if (taskId) {
      task = await this.repo.findTask(organizationId, projectId, taskId);
      if (!task) throw new NotFoundError('Task');
    }
    if (project.archived)
      throw new ConflictError(
        `The project “${project.name}” is archived: no time can be booked to it.`,
        'project-archived',
      );
    if (task?.archived)
      throw new ConflictError(
        `The task “${task.name}” is archived: no time can be booked to it.`,
        'task-archived',
      );
    const ok = await this.bookableFilter(organizationId, employeeId, [project]);
    if (ok.length === 0) throw new NotProjectMemberError();
  }

  /** The projects among `projects` the employee may book to. */
  async bookableFilter(
    organizationId: string,
    employeeId: string | null,
    projects: ProjectEntity[],
  ): Promise<ProjectEntity[]> {
    if (projects.length === 0) return [];
    const members = await this.repo.listMembers(
      organizationId,
      projects.map((x) => x.id),
    );
    const employee = employeeId ? await this.employees.findById(organizationId, employeeId) : null;
    const byProject = new Map<string, ProjectMemberEntity[]>();
    for (const m of members) {
      const list = byProject.get(m.projectId);
      if (list) list.push(m);
      else byProject.set(m.projectId, [m]);
    }
    return projects.filter((x) => {
      const list = byProject.get(x.id);
      if (!list || list.length === 0) return employee !== null;
      if (!employee) return false;
      return list.some(
        (m) =>
          (m.memberKind === 'employee' && m.memberId === employee.id) ||
          (m.memberKind === 'team' && employee.teamId !== null && m.memberId === employee.teamId),
      );
    });
  }
}
