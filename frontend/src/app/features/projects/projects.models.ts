import type { components } from '@app/api/schema';

type Schemas = components['schemas'];

export type Client = Schemas['ClientDto'];
export type Project = Schemas['ProjectDto'];
export type Task = Schemas['TaskDto'];
export type Member = Schemas['MemberDto'];
export type AllocationRule = Schemas['AllocationRuleDto'];
export type ProjectReport = Schemas['ProjectReportDto'];
export type DayAllocation = Schemas['DayAllocationDto'];

/** Hours with one decimal, e.g. 3.5 h. */
export function hours(seconds: number): string {
  return `${(Math.round((seconds / 3600) * 10) / 10).toLocaleString()} h`;
}
