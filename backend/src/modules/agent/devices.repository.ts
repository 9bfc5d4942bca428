import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { OrganizationClosureEntity } from '../accounts/entities/organization-closure.entity.js';
import type { UrlMode } from './data-collection/organization-settings.entity.js';
import { DeviceInventoryEntity } from './entities/device-inventory.entity.js';
import { DeviceEntity } from './entities/device.entity.js';

/** What an authenticated agent request knows about its device, read in one query. */
export interface DeviceSession {
  deviceId: string;
  organizationId: string;
  employeeId: string;
  collectTitles: boolean;
  urlMode: UrlMode;
}

interface SessionRow {
  deviceId: string;
  organizationId: string;
  employeeId: string;
  collectTitles: number | boolean | null;
  urlMode: string | null;
  purgeAt: Date | string | null;
}

// One indexed lookup (unique token hash → primary keys): revoked devices and deactivated or erased
// employees drop out here, so nothing is cached and revocation takes effect on the next request.
const SESSION_SQL =
  'SELECT d.id AS deviceId, d.organizationId AS organizationId, d.employeeId AS employeeId, ' +
  's.collectTitles AS collectTitles, s.urlMode AS urlMode, c.purgeAt AS purgeAt ' +
  'FROM devices d ' +
  "INNER JOIN employees e ON e.id = d.employeeId AND e.status = 'active' " +
  'LEFT JOIN organization_settings s ON s.organizationId = d.organizationId ' +
  'LEFT JOIN privacy_organization_closures c ON c.organizationId = d.organizationId ' +
  'WHERE d.tokenHash = ? AND d.revokedAt IS NULL';

export interface DeviceWithInventory {
  device: DeviceEntity;
  inventory: DeviceInventoryEntity | null;
}

export interface DeviceFilter {
  employeeId?: string;
  status?: 'active' | 'revoked';
}

@Injectable()
export class DevicesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The device's session, and when its organization's data goes if it was closed. */
  async findSession(
    tokenHash: string,
  ): Promise<{ session: DeviceSession; closedUntil: Date | null } | null> {
    const rows = await this.dataSource.query<SessionRow[]>(SESSION_SQL, [tokenHash]);
    const row = rows[0];
    if (!row) return null;
    return {
      session: {
        deviceId: row.deviceId,
        organizationId: row.organizationId,
        employeeId: row.employeeId,
        collectTitles: row.collectTitles === null ? true : Boolean(row.collectTitles),
        urlMode: row.urlMode === 'host' ? 'host' : 'full',
      },
      closedUntil: row.purgeAt === null ? null : new Date(row.purgeAt),
    };
  }

  async organizationClosedUntil(organizationId: string): Promise<Date | null> {
    const closure = await this.dataSource
      .getRepository(OrganizationClosureEntity)
      .findOneBy({ organizationId });
    return closure ? new Date(closure.purgeAt) : null;
  }

  findEmployeeByEmail(organizationId: string, email: string): Promise<EmployeeEntity | null> {
    return this.dataSource.getRepository(EmployeeEntity).findOneBy({ organizationId, email });
  }

  async insert(
    manager: EntityManager,
    device: DeviceEntity,
    inventory: DeviceInventoryEntity,
  ): Promise<void> {
    await manager.insert(DeviceEntity, device);
    await manager.insert(DeviceInventoryEntity, inventory);
  }

  async findById(organizationId: string, id: string): Promise<DeviceWithInventory | null> {
    const device = await this.dataSource.getRepository(DeviceEntity).findOneBy({
      organizationId,
      id,
    });
    if (!device) return null;
    const inventory = await this.dataSource
      .getRepository(DeviceInventoryEntity)
      .findOneBy({ deviceId: id });
    return { device, inventory };
  }

  async list(
    organizationId: string,
    filter: DeviceFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: DeviceWithInventory[]; total: number }> {
    const where = {
      organizationId,
      ...(filter.employeeId ? { employeeId: filter.employeeId } : {}),
      ...(filter.status === 'active' ? { revokedAt: IsNull() } : {}),
      ...(filter.status === 'revoked' ? { revokedAt: Not(IsNull()) } : {}),
    };
    const [devices, total] = await this.dataSource.getRepository(DeviceEntity).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    const inventories =
      devices.length === 0
        ? []
        : await this.dataSource
            .getRepository(DeviceInventoryEntity)
            .findBy({ deviceId: In(devices.map((d) => d.id)) });
    const byId = new Map(inventories.map((i) => [i.deviceId, i]));
    return {
      items: devices.map((device) => ({ device, inventory: byId.get(device.id) ?? null })),
      total,
    };
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(DeviceEntity)
      .update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Every live device token of the employee stops working (deprovisioning). */
  async revokeAllForEmployee(
    organizationId: string,
    employeeId: string,
    at: Date,
  ): Promise<number> {
    const result = await this.dataSource
      .getRepository(DeviceEntity)
      .update({ organizationId, employeeId, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected ?? 0;
  }

  async touch(deviceId: string, at: Date, address: string | null): Promise<void> {
    await this.dataSource
      .getRepository(DeviceInventoryEntity)
      .update({ deviceId }, { lastSeenAt: at, lastAddress: address });
  }

  async updateInventory(
    deviceId: string,
    change: Partial<Pick<DeviceInventoryEntity, 'hostname' | 'os' | 'agentVersion'>>,
    at: Date,
    address: string | null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(DeviceInventoryEntity)
      .update({ deviceId }, { ...change, lastSeenAt: at, lastAddress: address });
  }

  /** For erasure: the employee's devices and their inventory go; their tokens then answer 401. */
  async deleteForEmployee(organizationId: string, employeeId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const devices = await manager.findBy(DeviceEntity, { organizationId, employeeId });
      if (devices.length === 0) return 0;
      const ids = devices.map((d) => d.id);
      await manager.delete(DeviceInventoryEntity, { deviceId: In(ids) });
      await manager.delete(DeviceEntity, { id: In(ids) });
      return ids.length;
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
