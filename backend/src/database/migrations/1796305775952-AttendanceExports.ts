import type { MigrationInterface, QueryRunner } from 'typeorm';

// Attendance exports: report kinds up to 32 characters, and the report a subscription mails.
export class AttendanceExports1796305775952 implements MigrationInterface {
  name = 'AttendanceExports1796305775952';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_report_subscriptions_org_user"');
      await queryRunner.query(
        'CREATE TABLE "temporary_report_subscriptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "frequency" varchar(8) NOT NULL, "format" varchar(8) NOT NULL, "teamId" varchar(36), "delivery" varchar(12) NOT NULL, "lastPeriodFrom" varchar(10), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "report" varchar(32) NOT NULL DEFAULT (\'summary\'))',
      );
      await queryRunner.query(
        'INSERT INTO "temporary_report_subscriptions"("id", "organizationId", "userId", "frequency", "format", "teamId", "delivery", "lastPeriodFrom", "createdAt") SELECT "id", "organizationId", "userId", "frequency", "format", "teamId", "delivery", "lastPeriodFrom", "createdAt" FROM "report_subscriptions"',
      );
      await queryRunner.query('DROP TABLE "report_subscriptions"');
      await queryRunner.query(
        'ALTER TABLE "temporary_report_subscriptions" RENAME TO "report_subscriptions"',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_subscriptions_org_user" ON "report_subscriptions" ("organizationId", "userId") ',
      );
      await queryRunner.query('DROP INDEX "ix_report_exports_org_user_created"');
      await queryRunner.query('DROP INDEX "ix_report_exports_status_updated"');
      await queryRunner.query('DROP INDEX "ix_report_exports_expires"');
      await queryRunner.query(
        'CREATE TABLE "temporary_report_exports" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "requestedByUserId" varchar(36) NOT NULL, "subscriptionId" varchar(36), "report" varchar(32) NOT NULL, "format" varchar(8) NOT NULL, "fromDay" varchar(10) NOT NULL, "toDay" varchar(10) NOT NULL, "filters" text NOT NULL, "locale" varchar(8) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'queued\'), "progress" integer NOT NULL DEFAULT (0), "rowCount" integer NOT NULL DEFAULT (0), "filePath" varchar(255), "fileSize" bigint, "totals" text, "error" text, "runToken" varchar(36), "leaseUntil" datetime, "runs" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "completedAt" datetime, "expiresAt" datetime)',
      );
      await queryRunner.query(
        'INSERT INTO "temporary_report_exports"("id", "organizationId", "requestedByUserId", "subscriptionId", "report", "format", "fromDay", "toDay", "filters", "locale", "status", "progress", "rowCount", "filePath", "fileSize", "totals", "error", "runToken", "leaseUntil", "runs", "createdAt", "updatedAt", "completedAt", "expiresAt") SELECT "id", "organizationId", "requestedByUserId", "subscriptionId", "report", "format", "fromDay", "toDay", "filters", "locale", "status", "progress", "rowCount", "filePath", "fileSize", "totals", "error", "runToken", "leaseUntil", "runs", "createdAt", "updatedAt", "completedAt", "expiresAt" FROM "report_exports"',
      );
      await queryRunner.query('DROP TABLE "report_exports"');
      await queryRunner.query('ALTER TABLE "temporary_report_exports" RENAME TO "report_exports"');
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_org_user_created" ON "report_exports" ("organizationId", "requestedByUserId", "createdAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_status_updated" ON "report_exports" ("status", "updatedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_expires" ON "report_exports" ("expiresAt") ',
      );
    } else {
      await queryRunner.query(
        "ALTER TABLE `report_subscriptions` ADD `report` varchar(32) NOT NULL DEFAULT 'summary'",
      );
      // Widened in place: "attendance-totals" is longer than 16 characters.
      await queryRunner.query('ALTER TABLE `report_exports` MODIFY `report` varchar(32) NOT NULL');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older schema knows neither attendance report.
    await queryRunner.query(
      "DELETE FROM report_exports WHERE report IN ('attendance', 'attendance-totals')",
    );
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_report_exports_expires"');
      await queryRunner.query('DROP INDEX "ix_report_exports_status_updated"');
      await queryRunner.query('DROP INDEX "ix_report_exports_org_user_created"');
      await queryRunner.query('ALTER TABLE "report_exports" RENAME TO "temporary_report_exports"');
      await queryRunner.query(
        'CREATE TABLE "report_exports" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "requestedByUserId" varchar(36) NOT NULL, "subscriptionId" varchar(36), "report" varchar(16) NOT NULL, "format" varchar(8) NOT NULL, "fromDay" varchar(10) NOT NULL, "toDay" varchar(10) NOT NULL, "filters" text NOT NULL, "locale" varchar(8) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'queued\'), "progress" integer NOT NULL DEFAULT (0), "rowCount" integer NOT NULL DEFAULT (0), "filePath" varchar(255), "fileSize" bigint, "totals" text, "error" text, "runToken" varchar(36), "leaseUntil" datetime, "runs" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "completedAt" datetime, "expiresAt" datetime)',
      );
      await queryRunner.query(
        'INSERT INTO "report_exports"("id", "organizationId", "requestedByUserId", "subscriptionId", "report", "format", "fromDay", "toDay", "filters", "locale", "status", "progress", "rowCount", "filePath", "fileSize", "totals", "error", "runToken", "leaseUntil", "runs", "createdAt", "updatedAt", "completedAt", "expiresAt") SELECT "id", "organizationId", "requestedByUserId", "subscriptionId", "report", "format", "fromDay", "toDay", "filters", "locale", "status", "progress", "rowCount", "filePath", "fileSize", "totals", "error", "runToken", "leaseUntil", "runs", "createdAt", "updatedAt", "completedAt", "expiresAt" FROM "temporary_report_exports"',
      );
      await queryRunner.query('DROP TABLE "temporary_report_exports"');
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_expires" ON "report_exports" ("expiresAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_status_updated" ON "report_exports" ("status", "updatedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_org_user_created" ON "report_exports" ("organizationId", "requestedByUserId", "createdAt") ',
      );
      await queryRunner.query('DROP INDEX "ix_report_subscriptions_org_user"');
      await queryRunner.query(
        'ALTER TABLE "report_subscriptions" RENAME TO "temporary_report_subscriptions"',
      );
      await queryRunner.query(
        'CREATE TABLE "report_subscriptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "frequency" varchar(8) NOT NULL, "format" varchar(8) NOT NULL, "teamId" varchar(36), "delivery" varchar(12) NOT NULL, "lastPeriodFrom" varchar(10), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'INSERT INTO "report_subscriptions"("id", "organizationId", "userId", "frequency", "format", "teamId", "delivery", "lastPeriodFrom", "createdAt") SELECT "id", "organizationId", "userId", "frequency", "format", "teamId", "delivery", "lastPeriodFrom", "createdAt" FROM "temporary_report_subscriptions"',
      );
      await queryRunner.query('DROP TABLE "temporary_report_subscriptions"');
      await queryRunner.query(
        'CREATE INDEX "ix_report_subscriptions_org_user" ON "report_subscriptions" ("organizationId", "userId") ',
      );
    } else {
      await queryRunner.query('ALTER TABLE `report_exports` MODIFY `report` varchar(16) NOT NULL');
      await queryRunner.query('ALTER TABLE `report_subscriptions` DROP COLUMN `report`');
    }
  }
}
