import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '#src/modules/accounts/access-scope.service.js';
import { EmployeesRepository } from '#src/modules/accounts/employees/employees.repository.js';
import type { GroupBy, ProjectReportDto, ProjectReportRowDto } from '../dto/report.dto.js';
import { ProjectsRepository } from '../projects.repository.js';
import { type AllocatedSeconds, checkRange, ProjectTimeService } from '../project-time.service.js';

export const UNALLOCATED = 'Unallocated';

/**
 * Hours by client, project, task or employee over a range, from allocated tracked time. Amount =
 * billable hours × the effective rate: the employee's rate on the project (member), else the
 * project's, else the employee's own, else the organization's default.
 */
@Injectable()
export class ProjectReportsService {
  constructor(
    @Inject(ProjectTimeService) private readonly time: ProjectTimeService,
    @Inject(ProjectsRepository) private readonly catalog: ProjectsRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
  ) {}

  async report(
    p: Principal,
    q: {
      from: string;
      to: string;
      groupBy?: GroupBy;
      teamId?: string;
      employeeId?: string;
      projectId?: string;
    },
  ): Promise<ProjectReportDto> {
    checkRange(q.from, q.to);
    const org = p.organizationId;
    const groupBy = q.groupBy ?? 'project';
    const resolved = await this.scope.resolveScope(p, {
      teamId: q.teamId,
      employeeId: q.employeeId,
    });
    const ids = await this.scope.employeeIdsOf(p, resolved);
    const [employees, projects, tasks, clients, settings, rates, members] = await Promise.all([
      this.employees.activeByIds(org, ids),
      this.catalog.listProjects(org),
      this.catalog.listTasks(org),
      this.catalog.listClients(org),
      this.catalog.settings(org),
      this.catalog.employeeRates(org),
      this.catalog.listMembers(org),
    ]);
    if (q.projectId && !projects.some((x) => x.id === q.projectId))
      throw new NotFoundError('Project');
    const project = new Map(projects.map((x) => [x.id, x]));
    const task = new Map(tasks.map((x) => [x.id, x]));
    const client = new Map(clients.map((x) => [x.id, x]));
    const employee = new Map(employees.map((x) => [x.id, x]));
    const employeeRate = new Map(rates.map((r) => [r.employeeId, r.hourlyRateCents]));
    // By project, then employee: a report looks a rate up for every employee-day and project.
    const memberRate = new Map<string, Map<string, number>>();
    for (const m of members) {
      if (m.memberKind !== 'employee' || m.hourlyRateCents === null) continue;
      let rates = memberRate.get(m.projectId);
      if (!rates) memberRate.set(m.projectId, (rates = new Map<string, number>()));
      rates.set(m.memberId, m.hourlyRateCents);
    }
    const rateOf = (projectId: string, employeeId: string): number =>
      memberRate.get(projectId)?.get(employeeId) ??
      project.get(projectId)?.hourlyRateCents ??
      employeeRate.get(employeeId) ??
      settings.defaultHourlyRateCents;

    const groups = new Map<
      string,
      { id: string | null; name: string; seconds: number; billable: number; cents: number }
    >();
    let total = 0;
    let unallocated = 0;
    let cents = 0;
    const add = (employeeId: string, r: AllocatedSeconds) => {
      if (q.projectId && r.projectId !== q.projectId) return;
      total += r.seconds;
      if (r.projectId === null) unallocated += r.seconds;
      const proj = r.projectId ? project.get(r.projectId) : undefined;
      let id: string | null;
      let name: string;
      switch (groupBy) {
        case 'project':
          id = r.projectId;
          name = proj?.name ?? UNALLOCATED;
          break;
        case 'client': {
          id = proj?.clientId ?? null;
          name = id ? (client.get(id)?.name ?? '') : r.projectId ? 'No client' : UNALLOCATED;
          if (!id && r.projectId) id = '';
          break;
        }
        case 'task':
          id = r.taskId ?? (r.projectId ? '' : null);
          name = r.taskId
            ? `${proj?.name ?? ''} · ${task.get(r.taskId)?.name ?? ''}`
            : r.projectId
              ? `${proj?.name ?? ''} · No task`
              : UNALLOCATED;
          if (!r.taskId && r.projectId) id = `${r.projectId}:`;
          break;
        case 'employee':
          id = employeeId;
          name = employee.get(employeeId)?.fullName ?? '';
          break;
      }
      const key = id ?? '\u0000';
      let g = groups.get(key);
      if (!g)
        groups.set(
          key,
          (g = {
            id: id === '' || id?.endsWith(':') ? null : id,
            name,
            seconds: 0,
            billable: 0,
            cents: 0,
          }),
        );
      g.seconds += r.seconds;
      if (proj?.billable) {
        g.billable += r.seconds;
        const c = (r.seconds / 3600) * rateOf(proj.id, employeeId);
        g.cents += c;
        cents += c;
      }
    };
    // Each employee's seconds per project and task over the range first (employees come one
    // after the other), then grouped and priced once per employee and project.
    let current: string | null = null;
    let sums = new Map<string, AllocatedSeconds>();
    const flush = () => {
      if (current !== null) for (const r of sums.values()) add(current, r);
      sums = new Map<string, AllocatedSeconds>();
    };
    await this.time.forEachAllocated(
      org,
      employees,
      q.from,
      q.to,
      'replica',
      (employeeId, _day, rows) => {
        if (employeeId !== current) {
          flush();
          current = employeeId;
        }
        for (const r of rows) {
          const sum = sums.get(r.key);
          if (sum) sum.seconds += r.seconds;
          else sums.set(r.key, { ...r });
        }
      },
    );
    flush();
    const out: ProjectReportRowDto[] = [...groups.values()]
      .sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name))
      .map((g) => {
        const row: ProjectReportRowDto = {
          id: g.id,
          name: g.name,
          seconds: g.seconds,
          billableSeconds: g.billable,
          amount: Math.round(g.cents) / 100,
        };
        if (groupBy === 'project') {
          const proj = g.id ? project.get(g.id) : undefined;
          const budget = proj?.budgetSeconds ?? null;
          row.budgetHours = budget === null ? null : Math.round((budget / 3600) * 100) / 100;
          row.budgetUsedPercent = budget ? Math.round((g.seconds / budget) * 1000) / 10 : null;
        }
        return row;
      });
    return {
      from: q.from,
      to: q.to,
      groupBy,
      currency: settings.currency,
      totalSeconds: total,
      unallocatedSeconds: unallocated,
      amount: Math.round(cents) / 100,
      rows: out,
    };
  }
}
