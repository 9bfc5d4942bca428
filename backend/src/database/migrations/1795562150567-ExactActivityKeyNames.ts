import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM neither generates nor compares MySQL collations. Application names are
 * matched after lower-casing in code; the database must then compare them byte for byte, as SQLite
 * does. Under the server's default collation (accent- and case-insensitive) "Café" and "Cafe"
 * would share one key on MariaDB and the usage report would merge them.
 */
export class ExactActivityKeyNames1795562150567 implements MigrationInterface {
  name = 'ExactActivityKeyNames1795562150567';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    await queryRunner.query(
      'ALTER TABLE `activity_keys` MODIFY `normalized` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    // Keys that differ only by accent or case would collide under the old collation: merging
    // them would rewrite history, so going back is refused instead.
    const clashes = (await queryRunner.query(
      'SELECT COUNT(*) AS n FROM (SELECT organizationId, kind, normalized COLLATE utf8mb4_unicode_ci AS folded ' +
        'FROM `activity_keys` GROUP BY organizationId, kind, folded HAVING COUNT(*) > 1) AS c',
    )) as { n: number | string }[];
    if (Number(clashes[0]?.n ?? 0) > 0) {
      throw new Error(
        'activity_keys holds names that differ only by accent or case; cannot revert',
      );
    }
    await queryRunner.query(
      'ALTER TABLE `activity_keys` MODIFY `normalized` varchar(255) CHARACTER SET utf8mb4 NOT NULL',
    );
  }
}
