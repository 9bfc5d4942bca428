import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { PrivacyRequestEntity } from '../entities/privacy-request.entity.js';
import { OrganizationClosureEntity } from '#src/modules/accounts/entities/organization-closure.entity.js';
import { SessionEntity } from '#src/modules/accounts/entities/session.entity.js';
import { RetentionSettingsEntity } from '../entities/retention.entity.js';

@Injectable()
export class RetentionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private q(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  find(organizationId: string): Promise<RetentionSettingsEntity | null> {
    return this.dataSource.getRepository(RetentionSettingsEntity).findOneBy({ organizationId });
  }

  async save(settings: RetentionSettingsEntity): Promise<void> {
    await this.dataSource.getRepository(RetentionSettingsEntity).save(settings);
  }

  async organizationIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM organizations');
    return rows.map((r) => r.id);
  }

  private async affected(sql: string, params: unknown[]): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
  }

  findClosure(organizationId: string): Promise<OrganizationClosureEntity | null> {
    return this.dataSource.getRepository(OrganizationClosureEntity).findOneBy({ organizationId });
  }

  /** Closes the organization and, in the same transaction, signs out everyone but its owners. */
  async saveClosure(c: OrganizationClosureEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(OrganizationClosureEntity).save(c);
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ revokedAt: c.closedAt, revokedReason: 'organization-closed' })
        .where('organizationId = :organizationId', { organizationId: c.organizationId })
        .andWhere('revokedAt IS NULL')
        .andWhere(
          "userId IN (SELECT u.id FROM users u WHERE u.organizationId = :organizationId AND u.role <> 'owner')",
        )
        .execute();
    });
  }

  async deleteClosure(organizationId: string): Promise<boolean> {
    const r = await this.dataSource
      .getRepository(OrganizationClosureEntity)
      .delete({ organizationId });
    return (r.affected ?? 0) > 0;
  }

  closuresDue(now: Date): Promise<OrganizationClosureEntity[]> {
    return this.dataSource
      .getRepository(OrganizationClosureEntity)
      .findBy({ purgeAt: LessThanOrEqual(now) });
  }

  /** Every row of the organization in every table that has an organizationId column, then the organization. */
  async purgeOrganization(organizationId: string): Promise<number> {
    let total = 0;
    await this.dataSource.transaction(async (tx) => {
      const runner = tx.queryRunner;
      if (!runner) throw new Error('no query runner in transaction');
      // Rows keyed only by a parent id (inventory, refresh tokens) go with their parents' ids first.
      const children: [string, string, string][] = [
        ['device_inventory', 'deviceId', 'devices'],
        ['refresh_tokens', 'sessionId', 'sessions'],
      ];
      for (const [child, column, parent] of children) {
        total +=
          (
            await runner.query(
              `DELETE FROM ${this.q(child)} WHERE ${this.q(column)} IN (SELECT id FROM ${this.q(parent)} WHERE organizationId = ?)`,
              [organizationId],
              true,
            )
          ).affected ?? 0;
      }
      for (const m of this.dataSource.entityMetadatas) {
        if (!m.columns.some((c) => c.databaseName === 'organizationId')) continue;
        total +=
          (
            await runner.query(
              `DELETE FROM ${this.q(m.tableName)} WHERE organizationId = ?`,
              [organizationId],
              true,
            )
          ).affected ?? 0;
      }
      total +=
        (await runner.query('DELETE FROM organizations WHERE id = ?', [organizationId], true))
          .affected ?? 0;
    });
    return total;
  }

  async expiredAccessFiles(organizationId: string, before: Date) {
    const rows = await this.dataSource.getRepository(PrivacyRequestEntity).find({
      select: { id: true, resultFile: true },
      where: { organizationId, resultFile: Not(IsNull()), completedAt: LessThan(before) },
    });
    return rows.map((r) => ({ id: r.id, resultFile: r.resultFile ?? '' }));
  }

  async clearResultFile(id: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE privacy_requests SET resultFile = NULL, downloadExpiresAt = NULL WHERE id = ?',
      [id],
    );
  }
}
