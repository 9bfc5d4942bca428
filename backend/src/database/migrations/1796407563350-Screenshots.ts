import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Screenshots (issue #20): captures and their settings; a notice version says whether it covers them. */
export class Screenshots1796407563350 implements MigrationInterface {
  name = 'Screenshots1796407563350';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "screenshot_settings" ("organizationId" varchar(36) NOT NULL, "scope" varchar(36) NOT NULL, "enabled" boolean NOT NULL, "intervalSeconds" integer NOT NULL, "randomize" boolean NOT NULL, "blur" varchar(16) NOT NULL, "excludedApps" text NOT NULL, "excludedSites" text NOT NULL, "retentionDays" integer NOT NULL, "deleteWindowHours" integer NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), PRIMARY KEY ("organizationId", "scope"))',
      );
      await queryRunner.query(
        'CREATE TABLE "screenshots" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "deviceId" varchar(36) NOT NULL, "teamId" varchar(36), "capturedAt" datetime NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "blur" varchar(16) NOT NULL, "imageKey" varchar(255), "thumbnailKey" varchar(255) NOT NULL, "storedBytes" integer NOT NULL, "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_screenshots_device" ON "screenshots" ("deviceId") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_screenshots_org_captured" ON "screenshots" ("organizationId", "capturedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_screenshots_org_employee_captured" ON "screenshots" ("organizationId", "employeeId", "capturedAt") ',
      );
      await queryRunner.query('DROP INDEX "ux_privacy_notices_org_version"');
      await queryRunner.query(
        'CREATE TABLE "temporary_privacy_notices" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "version" integer NOT NULL, "texts" text NOT NULL, "publishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "coversScreenshots" boolean NOT NULL DEFAULT (0))',
      );
      await queryRunner.query(
        'INSERT INTO "temporary_privacy_notices"("id", "organizationId", "version", "texts", "publishedAt", "createdAt", "updatedAt") SELECT "id", "organizationId", "version", "texts", "publishedAt", "createdAt", "updatedAt" FROM "privacy_notices"',
      );
      await queryRunner.query('DROP TABLE "privacy_notices"');
      await queryRunner.query(
        'ALTER TABLE "temporary_privacy_notices" RENAME TO "privacy_notices"',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_notices_org_version" ON "privacy_notices" ("organizationId", "version") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `screenshot_settings` (`organizationId` varchar(36) NOT NULL, `scope` varchar(36) NOT NULL, `enabled` tinyint NOT NULL, `intervalSeconds` int NOT NULL, `randomize` tinyint NOT NULL, `blur` varchar(16) NOT NULL, `excludedApps` text NOT NULL, `excludedSites` text NOT NULL, `retentionDays` int NOT NULL, `deleteWindowHours` int NOT NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`organizationId`, `scope`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `screenshots` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `deviceId` varchar(36) NOT NULL, `teamId` varchar(36) NULL, `capturedAt` datetime NOT NULL, `width` int NOT NULL, `height` int NOT NULL, `blur` varchar(16) NOT NULL, `imageKey` varchar(255) NULL, `thumbnailKey` varchar(255) NOT NULL, `storedBytes` int NOT NULL, `createdAt` datetime NOT NULL, INDEX `ix_screenshots_device` (`deviceId`), INDEX `ix_screenshots_org_captured` (`organizationId`, `capturedAt`), INDEX `ix_screenshots_org_employee_captured` (`organizationId`, `employeeId`, `capturedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'ALTER TABLE `privacy_notices` ADD `coversScreenshots` tinyint NOT NULL DEFAULT 0',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ux_privacy_notices_org_version"');
      await queryRunner.query(
        'ALTER TABLE "privacy_notices" RENAME TO "temporary_privacy_notices"',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_notices" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "version" integer NOT NULL, "texts" text NOT NULL, "publishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'INSERT INTO "privacy_notices"("id", "organizationId", "version", "texts", "publishedAt", "createdAt", "updatedAt") SELECT "id", "organizationId", "version", "texts", "publishedAt", "createdAt", "updatedAt" FROM "temporary_privacy_notices"',
      );
      await queryRunner.query('DROP TABLE "temporary_privacy_notices"');
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_notices_org_version" ON "privacy_notices" ("organizationId", "version") ',
      );
      await queryRunner.query('DROP INDEX "ix_screenshots_org_employee_captured"');
      await queryRunner.query('DROP INDEX "ix_screenshots_org_captured"');
      await queryRunner.query('DROP INDEX "ix_screenshots_device"');
      await queryRunner.query('DROP TABLE "screenshots"');
      await queryRunner.query('DROP TABLE "screenshot_settings"');
    } else {
      await queryRunner.query('ALTER TABLE `privacy_notices` DROP COLUMN `coversScreenshots`');
      await queryRunner.query('DROP INDEX `ix_screenshots_org_employee_captured` ON `screenshots`');
      await queryRunner.query('DROP INDEX `ix_screenshots_org_captured` ON `screenshots`');
      await queryRunner.query('DROP INDEX `ix_screenshots_device` ON `screenshots`');
      await queryRunner.query('DROP TABLE `screenshots`');
      await queryRunner.query('DROP TABLE `screenshot_settings`');
    }
  }
}
