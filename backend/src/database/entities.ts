import { EmployeeEntity } from '../modules/accounts/entities/employee.entity.js';
import { OrganizationEntity } from '../modules/accounts/entities/organization.entity.js';
import { TeamEntity, TeamManagerEntity } from '../modules/accounts/entities/team.entity.js';
import { UserEntity } from '../modules/accounts/entities/user.entity.js';

// Every entity of the schema; the migration generator and the drift gate read this list.
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  TeamEntity,
  TeamManagerEntity,
  EmployeeEntity,
];
