import { Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { OrganizationClosedError } from '../accounts/organizations/organization-closed.error.js';
import { DevicesRepository, type DeviceSession } from './devices.repository.js';
import { DEVICE_TOKEN_PREFIX, hashSecret, looksLikeSecret } from './secrets.js';

const TOUCH_INTERVAL_MS = 60_000;
const MAX_TRACKED_DEVICES = 100_000;

@Injectable()
export class DeviceAuthService {
  /** When each device's "last seen" was last written here; spares a write per request. */
  private readonly touchedAt = new Map<string, number>();

  constructor(@Inject(DevicesRepository) private readonly devices: DevicesRepository) {}

  async authenticate(
    deviceToken: string | null,
    address: string | null,
    nowMs = Date.now(),
  ): Promise<DeviceSession> {
    if (!deviceToken || !looksLikeSecret(deviceToken, DEVICE_TOKEN_PREFIX)) {
      throw new UnauthorizedError('A valid device token is required.');
    }
    const found = await this.devices.findSession(hashSecret(deviceToken));
    if (!found) throw new UnauthorizedError('The device token is not valid or was revoked.');
    if (found.closedUntil) throw new OrganizationClosedError(found.closedUntil, 'device');
    this.touch(found.session.deviceId, address, nowMs);
    return found.session;
  }

  private touch(deviceId: string, address: string | null, nowMs: number): void {
    const last = this.touchedAt.get(deviceId);
    if (last !== undefined && nowMs - last < TOUCH_INTERVAL_MS) return;
    if (this.touchedAt.size >= MAX_TRACKED_DEVICES) this.touchedAt.clear();
    this.touchedAt.set(deviceId, nowMs);
    this.devices.touch(deviceId, new Date(nowMs), address).catch((err: unknown) => {
      logger.warn({ err, deviceId }, 'could not record device last seen');
    });
  }
}
