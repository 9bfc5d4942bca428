import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import { MailMessageEntity } from './entities/mail-message.entity.js';
import { MailPreferenceEntity } from './entities/mail-preference.entity.js';

/** Mail messages and preferences; who they go to is the MailDirectory's. */
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
}
