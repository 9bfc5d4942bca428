import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries record the client address of the request behind them. Older entries keep null (their
 * hash does not cover the column), so the chain verifies as before. Added in place on both databases.
 */
export class AuditClientAddress1796393834821 implements MigrationInterface {
  name = 'AuditClientAddress1796393834821';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('ALTER TABLE "audit_entries" ADD COLUMN "clientAddress" varchar(64)');
    } else {
      await queryRunner.query('ALTER TABLE `audit_entries` ADD `clientAddress` varchar(64) NULL');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('ALTER TABLE "audit_entries" DROP COLUMN "clientAddress"');
    } else {
      await queryRunner.query('ALTER TABLE `audit_entries` DROP COLUMN `clientAddress`');
    }
  }
}
