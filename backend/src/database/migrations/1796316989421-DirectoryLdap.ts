import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryLdap1796316989421 implements MigrationInterface {
  name = 'DirectoryLdap1796316989421';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "directory_configs" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "source" varchar(16) NOT NULL, "settings" text NOT NULL, "bindPasswordSealed" text, "enabled" boolean NOT NULL DEFAULT (0), "syncEnabled" boolean NOT NULL DEFAULT (0), "nextSyncAt" datetime, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "directory_links" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "directoryKey" varchar(255) NOT NULL, "dn" varchar(1000) NOT NULL, "userId" varchar(36) NOT NULL, "employeeId" varchar(36), "status" varchar(16) NOT NULL, "lastSeenAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_directory_links_org_user" ON "directory_links" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_directory_links_org_key" ON "directory_links" ("organizationId", "directoryKey") ',
      );
      await queryRunner.query(
        'CREATE TABLE "directory_sync_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "trigger" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "created" integer NOT NULL DEFAULT (0), "updated" integer NOT NULL DEFAULT (0), "deactivated" integer NOT NULL DEFAULT (0), "unchanged" integer NOT NULL DEFAULT (0), "errors" text NOT NULL, "startedAt" datetime, "finishedAt" datetime, "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_directory_sync_runs_org_created" ON "directory_sync_runs" ("organizationId", "createdAt") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `directory_configs` (`organizationId` varchar(36) NOT NULL, `source` varchar(16) NOT NULL, `settings` text NOT NULL, `bindPasswordSealed` text NULL, `enabled` tinyint NOT NULL DEFAULT 0, `syncEnabled` tinyint NOT NULL DEFAULT 0, `nextSyncAt` datetime NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `directory_links` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `directoryKey` varchar(255) NOT NULL, `dn` varchar(1000) NOT NULL, `userId` varchar(36) NOT NULL, `employeeId` varchar(36) NULL, `status` varchar(16) NOT NULL, `lastSeenAt` datetime NOT NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, INDEX `ix_directory_links_org_user` (`organizationId`, `userId`), UNIQUE INDEX `ux_directory_links_org_key` (`organizationId`, `directoryKey`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `directory_sync_runs` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `trigger` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `created` int NOT NULL DEFAULT '0', `updated` int NOT NULL DEFAULT '0', `deactivated` int NOT NULL DEFAULT '0', `unchanged` int NOT NULL DEFAULT '0', `errors` text NOT NULL, `startedAt` datetime NULL, `finishedAt` datetime NULL, `createdAt` datetime NOT NULL, INDEX `ix_directory_sync_runs_org_created` (`organizationId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_directory_sync_runs_org_created"');
      await queryRunner.query('DROP TABLE "directory_sync_runs"');
      await queryRunner.query('DROP INDEX "ux_directory_links_org_key"');
      await queryRunner.query('DROP INDEX "ix_directory_links_org_user"');
      await queryRunner.query('DROP TABLE "directory_links"');
      await queryRunner.query('DROP TABLE "directory_configs"');
    } else {
      await queryRunner.query(
        'DROP INDEX `ix_directory_sync_runs_org_created` ON `directory_sync_runs`',
      );
      await queryRunner.query('DROP TABLE `directory_sync_runs`');
      await queryRunner.query('DROP INDEX `ux_directory_links_org_key` ON `directory_links`');
      await queryRunner.query('DROP INDEX `ix_directory_links_org_user` ON `directory_links`');
      await queryRunner.query('DROP TABLE `directory_links`');
      await queryRunner.query('DROP TABLE `directory_configs`');
    }
  }
}
