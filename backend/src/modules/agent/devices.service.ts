import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import {
  DevicesRepository,
  type DeviceSession,
  type DeviceWithInventory,
} from './devices.repository.js';
import type { DeviceDto, DeviceListQueryDto } from './dto/device.dto.js';
import type { ReportInventoryDto } from './dto/inventory.dto.js';

function toDto({ device, inventory }: DeviceWithInventory): DeviceDto {
  return {
    id: device.id,
    employeeId: device.employeeId,
    status: device.revokedAt ? 'revoked' : 'active',
    hostname: inventory?.hostname ?? '',
    os: inventory?.os ?? '',
    agentVersion: inventory?.agentVersion ?? '',
    enrolledAt: device.createdAt.toISOString(),
    lastSeenAt: inventory?.lastSeenAt?.toISOString() ?? null,
    lastAddress: inventory?.lastAddress ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class DevicesService {
  constructor(
    @Inject(DevicesRepository) private readonly devices: DevicesRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  /** Deprovisioning (SCIM, directory sync): the employee's devices are revoked at once. */
  revokeAllForEmployee(organizationId: string, employeeId: string, now = new Date()) {
    return this.devices.revokeAllForEmployee(organizationId, employeeId, now);
  }

  async listDevices(principal: Principal, query: DeviceListQueryDto): Promise<Page<DeviceDto>> {
    await this.scope.resolveScope(principal, { employeeId: query.employeeId });
    const { items, total } = await this.devices.list(
      principal.organizationId,
      { employeeId: query.employeeId, status: query.status },
      query,
    );
    return { items: items.map(toDto), page: query.page, pageSize: query.pageSize, total };
  }

  async getDevice(principal: Principal, id: string): Promise<DeviceDto> {
    const found = await this.devices.findById(principal.organizationId, id);
    if (!found) throw new NotFoundError('Device');
    return toDto(found);
  }

  /** Its token answers 401 from the next request on: authentication reads the device every time. */
  async revokeDevice(principal: Principal, id: string, now = new Date()): Promise<DeviceDto> {
    const found = await this.devices.findById(principal.organizationId, id);
    if (!found) throw new NotFoundError('Device');
    if (!found.device.revokedAt) {
      await this.devices.revoke(principal.organizationId, id, now);
      found.device.revokedAt = now;
    }
    return toDto(found);
  }

  /** The device's own report; only the fields it sends change. */
  async reportInventory(
    device: DeviceSession,
    report: ReportInventoryDto,
    address: string | null,
    now = new Date(),
  ): Promise<void> {
    const change = {
      ...(report.hostname !== undefined ? { hostname: report.hostname } : {}),
      ...(report.os !== undefined ? { os: report.os } : {}),
      ...(report.agentVersion !== undefined ? { agentVersion: report.agentVersion } : {}),
    };
    const before =
      report.hostname === undefined
        ? null
        : await this.devices.findById(device.organizationId, device.deviceId);
    await this.devices.updateInventory(device.deviceId, change, now, address);
    if (before?.inventory && before.inventory.hostname !== report.hostname) {
      await this.events.publish('device.renamed', device.organizationId, {
        deviceId: device.deviceId,
        employeeId: device.employeeId,
      });
    }
  }

  /** Erasure: deletes the employee's devices and inventory. */
  deleteEmployeeDevices(organizationId: string, employeeId: string): Promise<number> {
    return this.devices.deleteForEmployee(organizationId, employeeId);
  }
}
