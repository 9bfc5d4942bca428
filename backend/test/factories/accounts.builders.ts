import { randomUUID } from 'node:crypto';
import type { Principal } from '#src/common/auth/principal.js';
import { EmployeeEntity } from '#src/modules/accounts/entities/employee.entity.js';
import { OrganizationEntity } from '#src/modules/accounts/entities/organization.entity.js';
import { TeamEntity } from '#src/modules/accounts/entities/team.entity.js';
import { UserEntity } from '#src/modules/accounts/entities/user.entity.js';

// Builders for unit tests (no I/O): valid objects by default, overrides for what a test is about.

const NOW = new Date('2026-03-01T09:00:00Z');

export const PrincipalFactory = {
  build(overrides: Partial<Principal> = {}): Principal {
    return {
      userId: randomUUID(),
      organizationId: randomUUID(),
      role: 'owner',
      employeeId: null,
      sessionId: randomUUID(),
      ...overrides,
    };
  },
};

export const OrganizationFactory = {
  build(overrides: Partial<OrganizationEntity> = {}): OrganizationEntity {
    return Object.assign(new OrganizationEntity(), {
      id: randomUUID(),
      name: 'Acme',
      defaultTimeZone: 'UTC',
      locale: 'en',
      createdAt: NOW,
      ...overrides,
    });
  },
};

export const UserFactory = {
  build(overrides: Partial<UserEntity> = {}): UserEntity {
    return Object.assign(new UserEntity(), {
      id: randomUUID(),
      organizationId: randomUUID(),
      email: `user-${randomUUID().slice(0, 8)}@example.test`,
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: null,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$fake$fake',
      role: 'owner',
      status: 'active',
      locale: null,
      employeeId: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    });
  },
};

export const TeamFactory = {
  build(overrides: Partial<TeamEntity> = {}): TeamEntity {
    return Object.assign(new TeamEntity(), {
      id: randomUUID(),
      organizationId: randomUUID(),
      name: 'Support',
      createdAt: NOW,
      ...overrides,
    });
  },
};

export const EmployeeFactory = {
  build(overrides: Partial<EmployeeEntity> = {}): EmployeeEntity {
    return Object.assign(new EmployeeEntity(), {
      id: randomUUID(),
      organizationId: randomUUID(),
      fullName: 'Grace Hopper',
      email: `employee-${randomUUID().slice(0, 8)}@example.test`,
      teamId: null,
      timeZone: 'UTC',
      status: 'active',
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    });
  },
};

/**
 * A fake of T that implements only the given methods; calling any other one fails the test, so a
 * unit test states every collaboration it relies on.
 */
export function strictFake<T extends object>(name: string, methods: Partial<T>): T {
  return new Proxy(methods as T, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver) as unknown;
      if (property === 'then' || typeof property === 'symbol') return undefined;
      return () => {
        throw new Error(`${name}.${String(property)} was called but the test did not expect it`);
      };
    },
  });
}

/** A clock a test moves by hand. */
export function fakeClock(start = NOW): { now(): Date; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
}
