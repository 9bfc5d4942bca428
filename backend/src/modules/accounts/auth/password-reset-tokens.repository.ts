import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { PasswordResetTokenEntity } from '../entities/password-reset-token.entity.js';
import { SessionEntity } from '../entities/session.entity.js';
import { UserEntity } from '../entities/user.entity.js';

/** Password-reset tokens, and the one transaction that uses one to set a password. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** An active or other user by address, for the reset request (which never says which). */
  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email });
  }

  findUser(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ organizationId, id });
  }

  countRecentResetTokens(userId: string, since: Date): Promise<number> {
    return this.dataSource
      .getRepository(PasswordResetTokenEntity)
      .countBy({ userId, createdAt: MoreThan(since) });
  }

  async insertResetToken(token: PasswordResetTokenEntity): Promise<void> {
    await this.dataSource.getRepository(PasswordResetTokenEntity).insert(token);
  }

  findUsableResetToken(tokenHash: string, now: Date): Promise<PasswordResetTokenEntity | null> {
    return this.dataSource
      .getRepository(PasswordResetTokenEntity)
      .findOneBy({ tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /**
   * Uses the token once, sets the password and ends every session of the user, in one transaction.
   * False when another request used the token first.
   */
  async resetPassword(
    token: PasswordResetTokenEntity,
    passwordHash: string,
    now: Date,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const used = await manager.update(
        PasswordResetTokenEntity,
        { id: token.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (!used.affected) return false;
      await manager.update(
        PasswordResetTokenEntity,
        { userId: token.userId, usedAt: IsNull() },
        { usedAt: now },
      );
      await manager.update(
        UserEntity,
        { organizationId: token.organizationId, id: token.userId, status: In(['active']) },
        { passwordHash },
      );
      await manager.update(
        SessionEntity,
        { organizationId: token.organizationId, userId: token.userId, revokedAt: IsNull() },
        { revokedAt: now, revokedReason: 'password-changed' },
      );
      return true;
    });
  }
}
