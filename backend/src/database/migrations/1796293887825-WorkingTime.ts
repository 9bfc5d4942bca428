import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkingTime1796293887825 implements MigrationInterface {
  name = 'WorkingTime1796293887825';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "absences" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "fromDay" varchar(10) NOT NULL, "toDay" varchar(10) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "note" varchar(1000), "createdByUserId" varchar(36) NOT NULL, "decidedByUserId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_absences_org_employee" ON "absences" ("organizationId", "employeeId", "fromDay") ',
      );
      await queryRunner.query(
        'CREATE TABLE "holidays" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "name" varchar(200) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_holidays_org_date" ON "holidays" ("organizationId", "date") ',
      );
      await queryRunner.query(
        'CREATE TABLE "work_schedules" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "days" text NOT NULL, "lateAfterMinutes" integer NOT NULL, "isDefault" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_work_schedules_org" ON "work_schedules" ("organizationId") ',
      );
      await queryRunner.query('DROP INDEX "ux_employees_org_email"');
      await queryRunner.query('DROP INDEX "ix_employees_org_team"');
      await queryRunner.query(
        'CREATE TABLE "temporary_employees" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "fullName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "teamId" varchar(36), "timeZone" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "workScheduleId" varchar(36))',
      );
      await queryRunner.query(
        'INSERT INTO "temporary_employees"("id", "organizationId", "fullName", "email", "teamId", "timeZone", "status", "createdAt", "updatedAt") SELECT "id", "organizationId", "fullName", "email", "teamId", "timeZone", "status", "createdAt", "updatedAt" FROM "employees"',
      );
      await queryRunner.query('DROP TABLE "employees"');
      await queryRunner.query('ALTER TABLE "temporary_employees" RENAME TO "employees"');
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_employees_org_email" ON "employees" ("organizationId", "email") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_employees_org_team" ON "employees" ("organizationId", "teamId") ',
      );
      await queryRunner.query('DROP INDEX "ux_teams_org_name"');
      await queryRunner.query(
        'CREATE TABLE "temporary_teams" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "workScheduleId" varchar(36))',
      );
      await queryRunner.query(
        'INSERT INTO "temporary_teams"("id", "organizationId", "name", "createdAt") SELECT "id", "organizationId", "name", "createdAt" FROM "teams"',
      );
      await queryRunner.query('DROP TABLE "teams"');
      await queryRunner.query('ALTER TABLE "temporary_teams" RENAME TO "teams"');
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_teams_org_name" ON "teams" ("organizationId", "name") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `absences` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `fromDay` varchar(10) NOT NULL, `toDay` varchar(10) NOT NULL, `kind` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `note` varchar(1000) NULL, `createdByUserId` varchar(36) NOT NULL, `decidedByUserId` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_absences_org_employee` (`organizationId`, `employeeId`, `fromDay`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `holidays` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `date` varchar(10) NOT NULL, `name` varchar(200) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_holidays_org_date` (`organizationId`, `date`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `work_schedules` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `days` text NOT NULL, `lateAfterMinutes` int NOT NULL, `isDefault` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_work_schedules_org` (`organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query('ALTER TABLE `employees` ADD `workScheduleId` varchar(36) NULL');
      await queryRunner.query('ALTER TABLE `teams` ADD `workScheduleId` varchar(36) NULL');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ux_teams_org_name"');
      await queryRunner.query('ALTER TABLE "teams" RENAME TO "temporary_teams"');
      await queryRunner.query(
        'CREATE TABLE "teams" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'INSERT INTO "teams"("id", "organizationId", "name", "createdAt") SELECT "id", "organizationId", "name", "createdAt" FROM "temporary_teams"',
      );
      await queryRunner.query('DROP TABLE "temporary_teams"');
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_teams_org_name" ON "teams" ("organizationId", "name") ',
      );
      await queryRunner.query('DROP INDEX "ix_employees_org_team"');
      await queryRunner.query('DROP INDEX "ux_employees_org_email"');
      await queryRunner.query('ALTER TABLE "employees" RENAME TO "temporary_employees"');
      await queryRunner.query(
        'CREATE TABLE "employees" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "fullName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "teamId" varchar(36), "timeZone" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'INSERT INTO "employees"("id", "organizationId", "fullName", "email", "teamId", "timeZone", "status", "createdAt", "updatedAt") SELECT "id", "organizationId", "fullName", "email", "teamId", "timeZone", "status", "createdAt", "updatedAt" FROM "temporary_employees"',
      );
      await queryRunner.query('DROP TABLE "temporary_employees"');
      await queryRunner.query(
        'CREATE INDEX "ix_employees_org_team" ON "employees" ("organizationId", "teamId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_employees_org_email" ON "employees" ("organizationId", "email") ',
      );
      await queryRunner.query('DROP INDEX "ix_work_schedules_org"');
      await queryRunner.query('DROP TABLE "work_schedules"');
      await queryRunner.query('DROP INDEX "ux_holidays_org_date"');
      await queryRunner.query('DROP TABLE "holidays"');
      await queryRunner.query('DROP INDEX "ix_absences_org_employee"');
      await queryRunner.query('DROP TABLE "absences"');
    } else {
      await queryRunner.query('ALTER TABLE `teams` DROP COLUMN `workScheduleId`');
      await queryRunner.query('ALTER TABLE `employees` DROP COLUMN `workScheduleId`');
      await queryRunner.query('DROP INDEX `ix_work_schedules_org` ON `work_schedules`');
      await queryRunner.query('DROP TABLE `work_schedules`');
      await queryRunner.query('DROP INDEX `ux_holidays_org_date` ON `holidays`');
      await queryRunner.query('DROP TABLE `holidays`');
      await queryRunner.query('DROP INDEX `ix_absences_org_employee` ON `absences`');
      await queryRunner.query('DROP TABLE `absences`');
    }
  }
}
