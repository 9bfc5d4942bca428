import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import {
  MfaPolicyEntity,
  RecoveryCodeEntity,
  SessionFactorEntity,
  WebauthnCredentialEntity,
} from '../entities/mfa.entities.js';

/** MFA policy, recovery codes, passkeys and the second factor each session proved. */
@Injectable()
export class MfaRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async policyRoles(organizationId: string): Promise<string[]> {
    const row = await this.dataSource.getRepository(MfaPolicyEntity).findOneBy({ organizationId });
    if (!row) return [];
    try {
      const roles: unknown = JSON.parse(row.requiredRoles);
      return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
    } catch {
      return [];
    }
  }

  async savePolicy(organizationId: string, roles: string[], now: Date): Promise<void> {
    await this.dataSource
      .getRepository(MfaPolicyEntity)
      .save({ organizationId, requiredRoles: JSON.stringify(roles), updatedAt: now });
  }

  async replaceRecoveryCodes(
    organizationId: string,
    userId: string,
    rows: RecoveryCodeEntity[],
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(RecoveryCodeEntity).delete({ organizationId, userId });
      await em.getRepository(RecoveryCodeEntity).insert(rows);
    });
  }

  countUnusedRecoveryCodes(organizationId: string, userId: string): Promise<number> {
    return this.dataSource
      .getRepository(RecoveryCodeEntity)
      .countBy({ organizationId, userId, usedAt: IsNull() });
  }

  /** Marks the code used if it is this user's and unused; true when it was. One use only. */
  async consumeRecoveryCode(
    organizationId: string,
    userId: string,
    codeHash: string,
    now: Date,
  ): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(RecoveryCodeEntity)
      .update({ organizationId, userId, codeHash, usedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) === 1;
  }

  deleteRecoveryCodes(organizationId: string, userId: string): Promise<unknown> {
    return this.dataSource.getRepository(RecoveryCodeEntity).delete({ organizationId, userId });
  }

  countPasskeys(organizationId: string, userId: string): Promise<number> {
    return this.dataSource
      .getRepository(WebauthnCredentialEntity)
      .countBy({ organizationId, userId });
  }

  async recordSessionFactor(row: SessionFactorEntity): Promise<void> {
    await this.dataSource.getRepository(SessionFactorEntity).save(row);
  }

  async sessionFactor(sessionId: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(SessionFactorEntity).findOneBy({ sessionId });
    return row?.method ?? null;
  }
}
