import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18 (ingestion speed): a device's ingest-lock row says whether any of its events was ever
 * stored at another start (activity_span_moves), so a batch of a device without moves skips the
 * lookup of its 500 events there. MySQL/MariaDB only, like the table. Devices with moves already
 * are flagged here; the flag is never cleared (a stale "yes" only costs the lookup).
 */
export class IngestLockMovesNoted1796500000000 implements MigrationInterface {
  name = 'IngestLockMovesNoted1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    await queryRunner.query(
      'ALTER TABLE `activity_ingest_locks` ADD `movesNoted` tinyint NOT NULL DEFAULT 0',
    );
    await queryRunner.query(
      'UPDATE `activity_ingest_locks` l SET l.`movesNoted` = 1 WHERE EXISTS ' +
        '(SELECT 1 FROM `activity_span_moves` m WHERE m.`deviceId` = l.`deviceId`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    await queryRunner.query('ALTER TABLE `activity_ingest_locks` DROP COLUMN `movesNoted`');
  }
}
