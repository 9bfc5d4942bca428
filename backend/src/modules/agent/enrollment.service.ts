import { randomUUID } from 'node:crypto';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
} from '#src/common/errors/domain-error.js';
import { OrganizationClosedError } from '../accounts/organizations/organization-closed.error.js';
import { DevicesRepository } from './devices.repository.js';
import {
  DEFAULT_ENROLLMENT_TOKEN_HOURS,
  type CreateEnrollmentTokenDto,
  type EnrollmentTokenCreatedDto,
  type EnrollmentTokenDto,
  type EnrollmentTokenStatus,
} from './dto/enrollment-token.dto.js';
import type { EnrollDto, EnrolledDeviceDto } from './dto/enroll.dto.js';
import { DeviceInventoryEntity } from './entities/device-inventory.entity.js';
import { DeviceEntity } from './entities/device.entity.js';
import { EnrollmentTokenEntity } from './entities/enrollment-token.entity.js';
import { EnrollmentChecks } from './enrollment-checks.js';
import { EnrollmentTokensRepository } from './enrollment-tokens.repository.js';
import {
  DEVICE_TOKEN_PREFIX,
  ENROLLMENT_TOKEN_PREFIX,
  hashSecret,
  looksLikeSecret,
  newSecret,
} from './secrets.js';

export function enrollmentTokenStatus(
  token: EnrollmentTokenEntity,
  now: Date,
): EnrollmentTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (token.maxUses !== null && token.uses >= token.maxUses) return 'exhausted';
  return 'active';
}

function toDto(token: EnrollmentTokenEntity, now: Date): EnrollmentTokenDto {
  return {
    id: token.id,
    tokenPrefix: token.tokenPrefix,
    status: enrollmentTokenStatus(token, now),
    expiresAt: token.expiresAt.toISOString(),
    maxUses: token.maxUses,
    uses: token.uses,
    createdAt: token.createdAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

const UNUSABLE: Record<Exclude<EnrollmentTokenStatus, 'active'>, string> = {
  expired: 'The enrollment token has expired.',
  revoked: 'The enrollment token has been revoked.',
  exhausted: 'The enrollment token has been used as often as it allows.',
};

@Injectable()
export class EnrollmentService {
  constructor(
    @Inject(EnrollmentTokensRepository) private readonly tokens: EnrollmentTokensRepository,
    @Inject(DevicesRepository) private readonly devices: DevicesRepository,
    @Inject(EnrollmentChecks) private readonly checks: EnrollmentChecks,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async createToken(
    principal: Principal,
    input: CreateEnrollmentTokenDto,
    now = new Date(),
  ): Promise<EnrollmentTokenCreatedDto> {
    const token = newSecret(ENROLLMENT_TOKEN_PREFIX);
    const hours = input.expiresInHours ?? DEFAULT_ENROLLMENT_TOKEN_HOURS;
    const entity = Object.assign(new EnrollmentTokenEntity(), {
      id: randomUUID(),
      organizationId: principal.organizationId,
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, 10),
      createdByUserId: principal.userId,
      // Whole seconds: what is stored is what the client is told.
      expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + hours * 3_600_000),
      maxUses: input.maxUses ?? null,
      uses: 0,
      revokedAt: null,
      createdAt: now,
    });
    await this.tokens.insert(entity);
    return {
      id: entity.id,
      token,
      expiresAt: entity.expiresAt.toISOString(),
      maxUses: entity.maxUses,
    };
  }

  async listTokens(principal: Principal, now = new Date()): Promise<EnrollmentTokenDto[]> {
    const tokens = await this.tokens.list(principal.organizationId);
    return tokens.map((t) => toDto(t, now));
  }

  async revokeToken(
    principal: Principal,
    id: string,
    now = new Date(),
  ): Promise<EnrollmentTokenDto> {
    const existing = await this.tokens.findById(principal.organizationId, id);
    if (!existing) throw new NotFoundError('Enrollment token');
    if (!existing.revokedAt) await this.tokens.revoke(principal.organizationId, id, now);
    const token = await this.tokens.findById(principal.organizationId, id);
    return toDto(token ?? existing, now);
  }

  async enroll(
    input: EnrollDto,
    address: string | null,
    now = new Date(),
  ): Promise<EnrolledDeviceDto> {
    const token = looksLikeSecret(input.enrollmentToken, ENROLLMENT_TOKEN_PREFIX)
      ? await this.tokens.findByHash(hashSecret(input.enrollmentToken))
      : null;
    if (!token) throw new UnauthorizedError('The enrollment token is not valid.');
    const status = enrollmentTokenStatus(token, now);
    if (status !== 'active') throw new UnauthorizedError(UNUSABLE[status]);
    const closedUntil = await this.devices.organizationClosedUntil(token.organizationId);
    if (closedUntil) throw new OrganizationClosedError(closedUntil, 'device');

    // Looked up in the token's organization only: a token never reaches another one's people.
    const employee = await this.devices.findEmployeeByEmail(
      token.organizationId,
      input.employeeEmail,
    );
    if (!employee) throw new NotFoundError('Employee');
    if (employee.status !== 'active') {
      throw new ConflictError('The employee is deactivated.', 'employee-deactivated');
    }
    await this.checks.assertCanEnroll(token.organizationId, employee.id, now);

    const deviceToken = newSecret(DEVICE_TOKEN_PREFIX);
    const device = Object.assign(new DeviceEntity(), {
      id: randomUUID(),
      organizationId: token.organizationId,
      employeeId: employee.id,
      tokenHash: hashSecret(deviceToken),
      enrollmentTokenId: token.id,
      revokedAt: null,
      createdAt: now,
    });
    const inventory = Object.assign(new DeviceInventoryEntity(), {
      deviceId: device.id,
      organizationId: token.organizationId,
      hostname: input.hostname,
      os: input.os,
      agentVersion: input.agentVersion,
      lastSeenAt: now,
      lastAddress: address,
    });
    await this.devices.transaction(async (manager) => {
      if (!(await this.tokens.consumeUse(manager, token.id))) {
        throw new UnauthorizedError(UNUSABLE.exhausted);
      }
      await this.devices.insert(manager, device, inventory);
      await this.events.publish(
        'device.enrolled',
        token.organizationId,
        {
          deviceId: device.id,
          employeeId: employee.id,
          os: input.os,
          agentVersion: input.agentVersion,
        },
        { tx: manager },
      );
    });
    return { deviceId: device.id, deviceToken };
  }
}
