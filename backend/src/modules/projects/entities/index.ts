import {
  AllocationOverrideEntity,
  AllocationRuleEntity,
  ProjectClientEntity,
  ProjectEmployeeRateEntity,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectSettingsEntity,
  ProjectTaskEntity,
} from './project.entities.js';

export const PROJECTS_ENTITIES = [
  ProjectClientEntity,
  ProjectEntity,
  ProjectTaskEntity,
  ProjectMemberEntity,
  ProjectEmployeeRateEntity,
  ProjectSettingsEntity,
  AllocationRuleEntity,
  AllocationOverrideEntity,
];
