import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, MoreThan } from 'typeorm';
import { OrganizationEntity } from '../accounts/entities/organization.entity.js';
import { SessionEntity } from '../accounts/entities/session.entity.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import { isUniqueViolation } from '../../database/sql.js';
import { MailMessageEntity } from './entities/mail-message.entity.js';
import { MailPreferenceEntity } from './entities/mail-preference.entity.js';
import { PasswordResetTokenEntity } from './entities/password-reset-token.entity.js';

export interface Recipient {
  id: string;
  organizationId: string;
  email: string;
  locale: string | null;
  status: string;
}

export interface OrganizationInfo {
  id: string;
  name: string;
  locale: string;
  defaultTimeZone: string;
}

/** Mail messages, preferences and reset tokens; reads users and organizations for addressing. */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get messages() {
    return this.dataSource.getRepository(MailMessageEntity);
  }

  /** Inserts the message unless one with its dedupe key exists; returns the id of the one that stands. */
  async insertMessage(message: MailMessageEntity): Promise<{ id: string; created: boolean }> {
    try {
      // simple-json columns defeat TypeORM's deep-partial typing; the entity is complete.
      await this.messages.insert(message as never);
      return { id: message.id, created: true };
    } catch (error) {
      if (!message.dedupeKey || !isUniqueViolation(error)) throw error;
      const existing = await this.messages.findOneByOrFail({ dedupeKey: message.dedupeKey });
      return { id: existing.id, created: false };
    }
  }

  findMessage(organizationId: string, id: string): Promise<MailMessageEntity | null> {
    return this.messages.findOneBy({ organizationId, id });
  }

  /** False when the row is gone (erased meanwhile) or was already sent. */
  async markSent(id: string, now: Date): Promise<boolean> {
    const result = await this.messages.update(
      { id, status: 'queued' },
      { status: 'sent', sentAt: now, params: null, lastError: null },
    );
    return (result.affected ?? 0) > 0;
  }

  async markSuppressed(id: string): Promise<void> {
    await this.messages.update({ id, status: 'queued' }, { status: 'suppressed', params: null });
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.messages
      .createQueryBuilder()
      .update(MailMessageEntity)
      .set({
        attempts: () => 'attempts + 1',
        lastError: error.slice(0, 2000),
        ...(final ? { status: 'failed' as const, params: null } : {}),
      })
      .where('id = :id AND status = :queued', { id, queued: 'queued' })
      .execute();
  }

  /** Queued messages older than the cutoff: their job may have been lost. */
  findStaleQueued(cutoff: Date, limit: number): Promise<MailMessageEntity[]> {
    return this.messages.find({
      where: { status: 'queued', createdAt: LessThan(cutoff) },
      order: { createdAt: 'ASC' },
      take: limit,
      select: { id: true, organizationId: true },
    });
  }

  findUser(organizationId: string, userId: string): Promise<Recipient | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { organizationId, id: userId },
      select: { id: true, organizationId: true, email: true, locale: true, status: true },
    });
  }

  /** For signed links, which carry the user id only. */
  findUserById(id: string): Promise<Recipient | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { id },
      select: { id: true, organizationId: true, email: true, locale: true, status: true },
    });
  }

  findUserByEmail(email: string): Promise<Recipient | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { email },
      select: { id: true, organizationId: true, email: true, locale: true, status: true },
    });
  }

  findOrganization(id: string): Promise<OrganizationInfo | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOne({
      where: { id },
      select: { id: true, name: true, locale: true, defaultTimeZone: true },
    });
  }

  findPreferences(userId: string): Promise<MailPreferenceEntity[]> {
    return this.dataSource.getRepository(MailPreferenceEntity).findBy({ userId });
  }

  async findPreference(userId: string, category: string): Promise<boolean | null> {
    const row = await this.dataSource
      .getRepository(MailPreferenceEntity)
      .findOneBy({ userId, category });
    return row ? row.enabled : null;
  }

  async savePreference(
    organizationId: string,
    userId: string,
    category: string,
    enabled: boolean,
    source: string,
  ): Promise<void> {
    await this.dataSource
      .getRepository(MailPreferenceEntity)
      .upsert({ organizationId, userId, category, enabled, source }, ['userId', 'category']);
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
