import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EmployeeEntity } from '#src/modules/accounts/entities/employee.entity.js';
import { OrganizationEntity } from '#src/modules/accounts/entities/organization.entity.js';
import { DeviceInventoryEntity } from '#src/modules/agent/entities/device-inventory.entity.js';
import { DeviceEntity } from '#src/modules/agent/entities/device.entity.js';
import { DEVICE_TOKEN_PREFIX, hashSecret, newSecret } from '#src/modules/agent/secrets.js';

export interface SeededDevice {
  organizationId: string;
  employeeId: string;
  deviceId: string;
  deviceToken: string;
}

/**
 * An organization, an employee and an enrolled device written straight to the tables, for suites
 * that exercise the agent's side only (enrollment itself is tested through the API).
 */
export async function seedDevice(
  dataSource: DataSource,
  existing: { organizationId?: string; employeeId?: string } = {},
): Promise<SeededDevice> {
  const organizationId = existing.organizationId ?? randomUUID();
  if (!existing.organizationId) {
    await dataSource
      .getRepository(OrganizationEntity)
      .insert({ id: organizationId, name: `Org ${organizationId.slice(0, 8)}` });
  }
  const employeeId = existing.employeeId ?? randomUUID();
  if (!existing.employeeId) {
    await dataSource.getRepository(EmployeeEntity).insert({
      id: employeeId,
      organizationId,
      fullName: 'Test Employee',
      email: `e-${employeeId}@example.com`,
      teamId: null,
      timeZone: 'UTC',
      status: 'active',
    });
  }
  const deviceToken = newSecret(DEVICE_TOKEN_PREFIX);
  const deviceId = randomUUID();
  await dataSource.getRepository(DeviceEntity).insert({
    id: deviceId,
    organizationId,
    employeeId,
    tokenHash: hashSecret(deviceToken),
    enrollmentTokenId: null,
    revokedAt: null,
  });
  await dataSource.getRepository(DeviceInventoryEntity).insert({
    deviceId,
    organizationId,
    hostname: 'ws-1',
    os: 'Linux',
    agentVersion: '1.0.0',
    lastSeenAt: null,
    lastAddress: null,
  });
  return { organizationId, employeeId, deviceId, deviceToken };
}
