import type { DomainEvents } from '#src/common/events/domain-events.js';
import { OrganizationClosedError } from '../accounts/organizations/organization-closed.error.js';
import type { EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
} from '#src/common/errors/domain-error.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import type { DevicesRepository } from './devices.repository.js';
import type { DeviceInventoryEntity } from './entities/device-inventory.entity.js';
import type { DeviceEntity } from './entities/device.entity.js';
import { EnrollmentTokenEntity } from './entities/enrollment-token.entity.js';
import { EnrollmentChecks } from './enrollment-checks.js';
import type { EnrollmentTokensRepository } from './enrollment-tokens.repository.js';
import { EnrollmentService, enrollmentTokenStatus } from './enrollment.service.js';
import { hashSecret } from './secrets.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const ORG = '11111111-1111-4111-8111-111111111111';
const principal: Principal = {
  userId: '22222222-2222-4222-8222-222222222222',
  organizationId: ORG,
  role: 'admin',
  employeeId: null,
  sessionId: 's',
};

function employee(overrides: Partial<EmployeeEntity> = {}): EmployeeEntity {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    organizationId: ORG,
    fullName: 'Eve',
    email: 'eve@example.com',
    teamId: null,
    timeZone: 'UTC',
    status: 'active',
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

class FakeTokens {
  stored: EnrollmentTokenEntity[] = [];
  allowUse = true;
  insert(t: EnrollmentTokenEntity) {
    this.stored.push(t);
    return Promise.resolve();
  }
  findByHash(hash: string) {
    return Promise.resolve(this.stored.find((t) => t.tokenHash === hash) ?? null);
  }
  consumeUse() {
    return Promise.resolve(this.allowUse);
  }
}

class FakeDevices {
  employees: EmployeeEntity[] = [employee()];
  inserted: { device: DeviceEntity; inventory: DeviceInventoryEntity }[] = [];
  lookups = 0;
  closedUntil: Date | null = null;
  organizationClosedUntil() {
    return Promise.resolve(this.closedUntil);
  }
  findEmployeeByEmail(organizationId: string, email: string) {
    this.lookups++;
    return Promise.resolve(
      this.employees.find((e) => e.organizationId === organizationId && e.email === email) ?? null,
    );
  }
  insert(_m: EntityManager, device: DeviceEntity, inventory: DeviceInventoryEntity) {
    this.inserted.push({ device, inventory });
    return Promise.resolve();
  }
  transaction<T>(work: (m: EntityManager) => Promise<T>) {
    return work({} as EntityManager);
  }
}

function setup() {
  const tokens = new FakeTokens();
  const devices = new FakeDevices();
  const service = new EnrollmentService(
    tokens as unknown as EnrollmentTokensRepository,
    devices as unknown as DevicesRepository,
    new EnrollmentChecks(),
    { publish: () => Promise.resolve({}) } as unknown as DomainEvents,
  );
  return { tokens, devices, service };
}

const enrollInput = (enrollmentToken: string, employeeEmail = 'eve@example.com') => ({
  enrollmentToken,
  employeeEmail,
  hostname: 'ws-1',
  os: 'Linux',
  agentVersion: '1.0.0',
});

describe('EnrollmentService', () => {
  it('creates a token valid for a week by default, storing only its hash', async () => {
    const { tokens, service } = setup();
    const created = await service.createToken(principal, {}, NOW);
    expect(created.token).toMatch(/^cte_[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toBe('2026-03-17T12:00:00.000Z');
    expect(created.maxUses).toBeNull();
    const [stored] = tokens.stored;
    expect(stored.tokenHash).toBe(hashSecret(created.token));
    expect(Object.values(stored)).not.toContain(created.token);
    expect(stored.organizationId).toBe(ORG);
  });

  it('enrolls an employee of the token’s organization with a fresh 256-bit device token', async () => {
    const { devices, service } = setup();
    const { token } = await service.createToken(principal, { maxUses: 5 }, NOW);
    const result = await service.enroll(enrollInput(token), '10.0.0.7', NOW);
    expect(result.deviceToken).toMatch(/^ctd_[A-Za-z0-9_-]{43}$/);
    const [{ device, inventory }] = devices.inserted;
    expect(device).toMatchObject({
      id: result.deviceId,
      organizationId: ORG,
      employeeId: employee().id,
      tokenHash: hashSecret(result.deviceToken),
    });
    expect(inventory).toMatchObject({ hostname: 'ws-1', lastAddress: '10.0.0.7', lastSeenAt: NOW });
  });

  it('refuses tokens that cannot be ours without a lookup', async () => {
    const { devices, service } = setup();
    await expect(service.enroll(enrollInput('hello'), null, NOW)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(devices.lookups).toBe(0);
  });

  it.each([
    ['expired', { expiresAt: new Date(NOW.getTime() - 1) }],
    ['revoked', { revokedAt: NOW }],
    ['used as often', { maxUses: 2, uses: 2 }],
  ])('refuses a token that is %s', async (message, change) => {
    const { tokens, service } = setup();
    const { token } = await service.createToken(principal, {}, NOW);
    Object.assign(tokens.stored[0], change);
    await expect(service.enroll(enrollInput(token), null, NOW)).rejects.toThrow(message);
  });

  it('answers 404 for an employee outside the token’s organization', async () => {
    const { devices, service } = setup();
    devices.employees = [employee({ organizationId: '99999999-9999-4999-8999-999999999999' })];
    const { token } = await service.createToken(principal, {}, NOW);
    await expect(service.enroll(enrollInput(token), null, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses a deactivated employee', async () => {
    const { devices, service } = setup();
    devices.employees = [employee({ status: 'deactivated' })];
    const { token } = await service.createToken(principal, {}, NOW);
    await expect(service.enroll(enrollInput(token), null, NOW)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses to enroll into a closed organization, and creates no device', async () => {
    const { devices, service } = setup();
    devices.closedUntil = new Date(NOW.getTime() + 30 * 86_400_000);
    const { token } = await service.createToken(principal, {}, NOW);
    await expect(service.enroll(enrollInput(token), null, NOW)).rejects.toBeInstanceOf(
      OrganizationClosedError,
    );
    expect(devices.inserted).toHaveLength(0);
  });

  it('creates no device when the last use went to a concurrent enrollment', async () => {
    const { tokens, devices, service } = setup();
    const { token } = await service.createToken(principal, { maxUses: 1 }, NOW);
    tokens.allowUse = false;
    await expect(service.enroll(enrollInput(token), null, NOW)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(devices.inserted).toHaveLength(0);
  });

  it('derives a token’s status: revoked, then expired, then exhausted', () => {
    const t = Object.assign(new EnrollmentTokenEntity(), {
      expiresAt: new Date(NOW.getTime() + 1000),
      revokedAt: null,
      maxUses: null,
      uses: 10,
    });
    expect(enrollmentTokenStatus(t, NOW)).toBe('active');
    expect(enrollmentTokenStatus({ ...t, maxUses: 10 }, NOW)).toBe('exhausted');
    expect(enrollmentTokenStatus({ ...t, maxUses: 10, expiresAt: NOW }, NOW)).toBe('expired');
    expect(enrollmentTokenStatus({ ...t, revokedAt: NOW, expiresAt: NOW }, NOW)).toBe('revoked');
  });
});
