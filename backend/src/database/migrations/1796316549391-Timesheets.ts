import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Timesheets1796316549391 implements MigrationInterface {
  name = 'Timesheets1796316549391';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "time_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "startMs" bigint NOT NULL, "endMs" bigint NOT NULL, "day" varchar(10) NOT NULL, "kind" varchar(16) NOT NULL, "projectId" varchar(36), "taskId" varchar(36), "note" varchar(1000), "status" varchar(16) NOT NULL, "createdByUserId" varchar(36) NOT NULL, "updatedByUserId" varchar(36), "decidedByUserId" varchar(36), "decisionComment" varchar(1000), "createdAtMs" bigint NOT NULL, "updatedAtMs" bigint NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_time_entries_org_status" ON "time_entries" ("organizationId", "status") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_time_entries_org_employee_start" ON "time_entries" ("organizationId", "employeeId", "startMs") ',
      );
      await queryRunner.query(
        'CREATE TABLE "timesheets" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "periodStart" varchar(10) NOT NULL, "periodEnd" varchar(10) NOT NULL, "status" varchar(16) NOT NULL, "trackedSeconds" integer NOT NULL DEFAULT (0), "manualSeconds" integer NOT NULL DEFAULT (0), "submittedByUserId" varchar(36) NOT NULL, "submittedAtMs" bigint NOT NULL, "decidedByUserId" varchar(36), "decidedAtMs" bigint, "comment" varchar(1000))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_timesheets_org_status" ON "timesheets" ("organizationId", "status") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_timesheets_org_employee_period" ON "timesheets" ("organizationId", "employeeId", "periodStart") ',
      );
      await queryRunner.query(
        'CREATE TABLE "timesheet_settings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "trustManualTime" boolean NOT NULL DEFAULT (0), "period" varchar(16) NOT NULL DEFAULT (\'weekly\'), "updatedByUserId" varchar(36))',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `time_entries` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `startMs` bigint NOT NULL, `endMs` bigint NOT NULL, `day` varchar(10) NOT NULL, `kind` varchar(16) NOT NULL, `projectId` varchar(36) NULL, `taskId` varchar(36) NULL, `note` varchar(1000) NULL, `status` varchar(16) NOT NULL, `createdByUserId` varchar(36) NOT NULL, `updatedByUserId` varchar(36) NULL, `decidedByUserId` varchar(36) NULL, `decisionComment` varchar(1000) NULL, `createdAtMs` bigint NOT NULL, `updatedAtMs` bigint NOT NULL, INDEX `ix_time_entries_org_status` (`organizationId`, `status`), INDEX `ix_time_entries_org_employee_start` (`organizationId`, `employeeId`, `startMs`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `timesheets` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `periodStart` varchar(10) NOT NULL, `periodEnd` varchar(10) NOT NULL, `status` varchar(16) NOT NULL, `trackedSeconds` int NOT NULL DEFAULT '0', `manualSeconds` int NOT NULL DEFAULT '0', `submittedByUserId` varchar(36) NOT NULL, `submittedAtMs` bigint NOT NULL, `decidedByUserId` varchar(36) NULL, `decidedAtMs` bigint NULL, `comment` varchar(1000) NULL, INDEX `ix_timesheets_org_status` (`organizationId`, `status`), UNIQUE INDEX `ux_timesheets_org_employee_period` (`organizationId`, `employeeId`, `periodStart`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        "CREATE TABLE `timesheet_settings` (`organizationId` varchar(36) NOT NULL, `trustManualTime` tinyint NOT NULL DEFAULT 0, `period` varchar(16) NOT NULL DEFAULT 'weekly', `updatedByUserId` varchar(36) NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "timesheet_settings"');
      await queryRunner.query('DROP INDEX "ux_timesheets_org_employee_period"');
      await queryRunner.query('DROP INDEX "ix_timesheets_org_status"');
      await queryRunner.query('DROP TABLE "timesheets"');
      await queryRunner.query('DROP INDEX "ix_time_entries_org_employee_start"');
      await queryRunner.query('DROP INDEX "ix_time_entries_org_status"');
      await queryRunner.query('DROP TABLE "time_entries"');
    } else {
      await queryRunner.query('DROP TABLE `timesheet_settings`');
      await queryRunner.query('DROP INDEX `ux_timesheets_org_employee_period` ON `timesheets`');
      await queryRunner.query('DROP INDEX `ix_timesheets_org_status` ON `timesheets`');
      await queryRunner.query('DROP TABLE `timesheets`');
      await queryRunner.query('DROP INDEX `ix_time_entries_org_employee_start` ON `time_entries`');
      await queryRunner.query('DROP INDEX `ix_time_entries_org_status` ON `time_entries`');
      await queryRunner.query('DROP TABLE `time_entries`');
    }
  }
}
