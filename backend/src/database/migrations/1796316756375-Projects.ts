import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1796316756375 implements MigrationInterface {
  name = 'Projects1796316756375';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "project_clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "domain" varchar(255), "archived" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_project_clients_org" ON "project_clients" ("organizationId", "name") ',
      );
      await queryRunner.query(
        'CREATE TABLE "projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "clientId" varchar(36), "name" varchar(200) NOT NULL, "code" varchar(32), "billable" boolean NOT NULL DEFAULT (1), "hourlyRateCents" integer, "budgetSeconds" integer, "budgetEndsOn" varchar(10), "archived" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_projects_org" ON "projects" ("organizationId", "name") ',
      );
      await queryRunner.query(
        'CREATE TABLE "project_tasks" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "archived" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_project_tasks_project" ON "project_tasks" ("organizationId", "projectId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "project_members" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "memberKind" varchar(8) NOT NULL, "memberId" varchar(36) NOT NULL, "hourlyRateCents" integer, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_project_members_org" ON "project_members" ("organizationId", "memberId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_project_members_member" ON "project_members" ("projectId", "memberKind", "memberId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "project_employee_rates" ("employeeId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "hourlyRateCents" integer NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "project_settings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "defaultHourlyRateCents" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL DEFAULT (\'EUR\'), "revision" integer NOT NULL DEFAULT (1))',
      );
      await queryRunner.query(
        'CREATE TABLE "project_allocation_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "teamId" varchar(36), "kind" varchar(8) NOT NULL, "pattern" varchar(255) NOT NULL, "normalized" varchar(255) NOT NULL, "projectId" varchar(36) NOT NULL, "taskId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_project_allocation_rules_org" ON "project_allocation_rules" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "project_allocation_overrides" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "startMs" bigint NOT NULL, "endMs" bigint NOT NULL, "projectId" varchar(36) NOT NULL, "taskId" varchar(36), "createdBy" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_project_allocation_overrides_employee" ON "project_allocation_overrides" ("employeeId", "startMs") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `project_clients` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `domain` varchar(255) NULL, `archived` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_project_clients_org` (`organizationId`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `projects` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `clientId` varchar(36) NULL, `name` varchar(200) NOT NULL, `code` varchar(32) NULL, `billable` tinyint NOT NULL DEFAULT 1, `hourlyRateCents` int NULL, `budgetSeconds` int NULL, `budgetEndsOn` varchar(10) NULL, `archived` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_projects_org` (`organizationId`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `project_tasks` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `projectId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `archived` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_project_tasks_project` (`organizationId`, `projectId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `project_members` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `projectId` varchar(36) NOT NULL, `memberKind` varchar(8) NOT NULL, `memberId` varchar(36) NOT NULL, `hourlyRateCents` int NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_project_members_org` (`organizationId`, `memberId`), UNIQUE INDEX `ux_project_members_member` (`projectId`, `memberKind`, `memberId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `project_employee_rates` (`employeeId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `hourlyRateCents` int NOT NULL, PRIMARY KEY (`employeeId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `project_settings` (`organizationId` varchar(36) NOT NULL, `defaultHourlyRateCents` int NOT NULL DEFAULT '0', `currency` varchar(3) NOT NULL DEFAULT 'EUR', `revision` int NOT NULL DEFAULT '1', PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `project_allocation_rules` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `teamId` varchar(36) NULL, `kind` varchar(8) NOT NULL, `pattern` varchar(255) NOT NULL, `normalized` varchar(255) NOT NULL, `projectId` varchar(36) NOT NULL, `taskId` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_project_allocation_rules_org` (`organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `project_allocation_overrides` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `startMs` bigint NOT NULL, `endMs` bigint NOT NULL, `projectId` varchar(36) NOT NULL, `taskId` varchar(36) NULL, `createdBy` varchar(36) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_project_allocation_overrides_employee` (`employeeId`, `startMs`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_project_allocation_overrides_employee"');
      await queryRunner.query('DROP TABLE "project_allocation_overrides"');
      await queryRunner.query('DROP INDEX "ix_project_allocation_rules_org"');
      await queryRunner.query('DROP TABLE "project_allocation_rules"');
      await queryRunner.query('DROP TABLE "project_settings"');
      await queryRunner.query('DROP TABLE "project_employee_rates"');
      await queryRunner.query('DROP INDEX "ux_project_members_member"');
      await queryRunner.query('DROP INDEX "ix_project_members_org"');
      await queryRunner.query('DROP TABLE "project_members"');
      await queryRunner.query('DROP INDEX "ix_project_tasks_project"');
      await queryRunner.query('DROP TABLE "project_tasks"');
      await queryRunner.query('DROP INDEX "ix_projects_org"');
      await queryRunner.query('DROP TABLE "projects"');
      await queryRunner.query('DROP INDEX "ix_project_clients_org"');
      await queryRunner.query('DROP TABLE "project_clients"');
    } else {
      await queryRunner.query(
        'DROP INDEX `ix_project_allocation_overrides_employee` ON `project_allocation_overrides`',
      );
      await queryRunner.query('DROP TABLE `project_allocation_overrides`');
      await queryRunner.query(
        'DROP INDEX `ix_project_allocation_rules_org` ON `project_allocation_rules`',
      );
      await queryRunner.query('DROP TABLE `project_allocation_rules`');
      await queryRunner.query('DROP TABLE `project_settings`');
      await queryRunner.query('DROP TABLE `project_employee_rates`');
      await queryRunner.query('DROP INDEX `ux_project_members_member` ON `project_members`');
      await queryRunner.query('DROP INDEX `ix_project_members_org` ON `project_members`');
      await queryRunner.query('DROP TABLE `project_members`');
      await queryRunner.query('DROP INDEX `ix_project_tasks_project` ON `project_tasks`');
      await queryRunner.query('DROP TABLE `project_tasks`');
      await queryRunner.query('DROP INDEX `ix_projects_org` ON `projects`');
      await queryRunner.query('DROP TABLE `projects`');
      await queryRunner.query('DROP INDEX `ix_project_clients_org` ON `project_clients`');
      await queryRunner.query('DROP TABLE `project_clients`');
    }
  }
}
