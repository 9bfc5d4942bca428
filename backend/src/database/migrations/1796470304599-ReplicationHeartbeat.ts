import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The row whose replicated copy measures each read replica's lag (DATABASE_REPLICA_URLS). */
export class ReplicationHeartbeat1796470304599 implements MigrationInterface {
  name = 'ReplicationHeartbeat1796470304599';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "replication_heartbeat" ("id" integer PRIMARY KEY NOT NULL, "beatMs" bigint NOT NULL)',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `replication_heartbeat` (`id` int NOT NULL, `beatMs` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "replication_heartbeat"');
    } else {
      await queryRunner.query('DROP TABLE `replication_heartbeat`');
    }
  }
}
