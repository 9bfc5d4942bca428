import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795549678799 implements MigrationInterface {
  name = 'InitialSchema1795549678799';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "employees" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "fullName" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "teamId" varchar(36), "timeZone" varchar(64) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_employees_org_team" ON "employees" ("organizationId", "teamId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_employees_org_email" ON "employees" ("organizationId", "email") ',
      );
      await queryRunner.query(
        'CREATE TABLE "organizations" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "defaultTimeZone" varchar(64) NOT NULL DEFAULT (\'UTC\'), "locale" varchar(8) NOT NULL DEFAULT (\'en\'), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE TABLE "teams" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_teams_org_name" ON "teams" ("organizationId", "name") ',
      );
      await queryRunner.query(
        'CREATE TABLE "team_managers" ("teamId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "organizationId" varchar(36) NOT NULL, PRIMARY KEY ("teamId", "userId"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_team_managers_user" ON "team_managers" ("userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL DEFAULT (\'\'), "phone" varchar(32), "passwordHash" varchar(255), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "locale" varchar(8), "employeeId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query('CREATE UNIQUE INDEX "ux_users_email" ON "users" ("email") ');
      await queryRunner.query('CREATE INDEX "ix_users_org" ON "users" ("organizationId") ');
    } else {
      await queryRunner.query(
        "CREATE TABLE `employees` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `fullName` varchar(200) NOT NULL, `email` varchar(254) NOT NULL, `teamId` varchar(36) NULL, `timeZone` varchar(64) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_employees_org_team` (`organizationId`, `teamId`), UNIQUE INDEX `ux_employees_org_email` (`organizationId`, `email`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        "CREATE TABLE `organizations` (`id` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `defaultTimeZone` varchar(64) NOT NULL DEFAULT 'UTC', `locale` varchar(8) NOT NULL DEFAULT 'en', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `teams` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_teams_org_name` (`organizationId`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `team_managers` (`teamId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `ix_team_managers_user` (`userId`), PRIMARY KEY (`teamId`, `userId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `users` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `firstName` varchar(100) NOT NULL, `lastName` varchar(100) NOT NULL DEFAULT '', `phone` varchar(32) NULL, `passwordHash` varchar(255) NULL, `role` varchar(16) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `locale` varchar(8) NULL, `employeeId` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_users_email` (`email`), INDEX `ix_users_org` (`organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_users_org"');
      await queryRunner.query('DROP INDEX "ux_users_email"');
      await queryRunner.query('DROP TABLE "users"');
      await queryRunner.query('DROP INDEX "ix_team_managers_user"');
      await queryRunner.query('DROP TABLE "team_managers"');
      await queryRunner.query('DROP INDEX "ux_teams_org_name"');
      await queryRunner.query('DROP TABLE "teams"');
      await queryRunner.query('DROP TABLE "organizations"');
      await queryRunner.query('DROP INDEX "ux_employees_org_email"');
      await queryRunner.query('DROP INDEX "ix_employees_org_team"');
      await queryRunner.query('DROP TABLE "employees"');
    } else {
      await queryRunner.query('DROP INDEX `ix_users_org` ON `users`');
      await queryRunner.query('DROP INDEX `ux_users_email` ON `users`');
      await queryRunner.query('DROP TABLE `users`');
      await queryRunner.query('DROP INDEX `ix_team_managers_user` ON `team_managers`');
      await queryRunner.query('DROP TABLE `team_managers`');
      await queryRunner.query('DROP INDEX `ux_teams_org_name` ON `teams`');
      await queryRunner.query('DROP TABLE `teams`');
      await queryRunner.query('DROP TABLE `organizations`');
      await queryRunner.query('DROP INDEX `ux_employees_org_email` ON `employees`');
      await queryRunner.query('DROP INDEX `ix_employees_org_team` ON `employees`');
      await queryRunner.query('DROP TABLE `employees`');
    }
  }
}
