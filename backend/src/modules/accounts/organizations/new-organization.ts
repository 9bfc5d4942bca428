import { randomUUID } from 'node:crypto';
import { splitFullName } from '../dto/user.dto.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { UserEntity } from '../entities/user.entity.js';

/** A new organization (UTC, English until its owner says otherwise) and its active owner. */
export function newOrganizationWithOwner(
  input: { organizationName: string; fullName: string; email: string; passwordHash: string },
  now: Date,
): { organization: OrganizationEntity; owner: UserEntity } {
  const organization = Object.assign(new OrganizationEntity(), {
    id: randomUUID(),
    name: input.organizationName,
    defaultTimeZone: 'UTC',
    locale: 'en',
    createdAt: now,
  });
  const owner = Object.assign(new UserEntity(), {
    id: randomUUID(),
    organizationId: organization.id,
    email: input.email,
    ...splitFullName(input.fullName),
    phone: null,
    passwordHash: input.passwordHash,
    role: 'owner' as const,
    status: 'active' as const,
    locale: null,
    employeeId: null,
    createdAt: now,
    updatedAt: now,
  });
  return { organization, owner };
}
