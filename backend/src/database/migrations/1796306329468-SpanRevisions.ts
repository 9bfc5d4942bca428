import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spans get a revision: the agent sends a span early and may correct it later. SQLite adds the
 * column in place (no copy of what may be millions of rows); so does MariaDB (instant ADD COLUMN).
 */
export class SpanRevisions1796306329468 implements MigrationInterface {
  name = 'SpanRevisions1796306329468';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'ALTER TABLE "activity_spans" ADD COLUMN "rev" integer NOT NULL DEFAULT (0)',
      );
    } else {
      await queryRunner.query("ALTER TABLE `activity_spans` ADD `rev` int NOT NULL DEFAULT '0'");
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('ALTER TABLE "activity_spans" DROP COLUMN "rev"');
    } else {
      await queryRunner.query('ALTER TABLE `activity_spans` DROP COLUMN `rev`');
    }
  }
}
