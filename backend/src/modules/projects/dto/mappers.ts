import type {
  ProjectClientEntity,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectTaskEntity,
} from '../entities/project.entities.js';
import type { ClientDto, MemberDto, ProjectDto, TaskDto } from './catalog.dto.js';

const money = (cents: number | null): number | null => (cents === null ? null : cents / 100);

export function clientDto(c: ProjectClientEntity): ClientDto {
  return { id: c.id, name: c.name, domain: c.domain, archived: Boolean(c.archived) };
}

export function projectDto(p: ProjectEntity): ProjectDto {
  return {
    id: p.id,
    name: p.name,
    clientId: p.clientId,
    code: p.code,
    billable: Boolean(p.billable),
    hourlyRate: money(p.hourlyRateCents),
    budgetHours: p.budgetSeconds === null ? null : Math.round((p.budgetSeconds / 3600) * 100) / 100,
    budgetEndsOn: p.budgetEndsOn,
    archived: Boolean(p.archived),
  };
}

export function taskDto(t: ProjectTaskEntity): TaskDto {
  return { id: t.id, projectId: t.projectId, name: t.name, archived: Boolean(t.archived) };
}

export function memberDto(m: ProjectMemberEntity): MemberDto {
  return {
    id: m.id,
    projectId: m.projectId,
    kind: m.memberKind,
    teamId: m.memberKind === 'team' ? m.memberId : null,
    employeeId: m.memberKind === 'employee' ? m.memberId : null,
    hourlyRate: money(m.hourlyRateCents),
  };
}
