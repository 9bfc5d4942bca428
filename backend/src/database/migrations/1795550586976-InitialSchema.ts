import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795550586976 implements MigrationInterface {
  name = 'InitialSchema1795550586976';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "activity_dirty_days" ("employeeId" varchar(36) NOT NULL, "utcDay" varchar(10) NOT NULL, "organizationId" varchar(36) NOT NULL, PRIMARY KEY ("employeeId", "utcDay"))',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_keys" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "name" varchar(255) NOT NULL, "normalized" varchar(255) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_activity_keys_org_kind_normalized" ON "activity_keys" ("organizationId", "kind", "normalized") ',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_spans" ("deviceId" varchar(36) NOT NULL, "eventId" varchar(36) NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "startMs" bigint NOT NULL, "endMs" bigint NOT NULL, "keyId" varchar(36), "app" varchar(255), "title" varchar(1024), "url" varchar(2048), PRIMARY KEY ("deviceId", "eventId"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_activity_spans_employee_start" ON "activity_spans" ("employeeId", "startMs") ',
      );
      await queryRunner.query(
        'CREATE TABLE "organization_settings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "collectTitles" boolean NOT NULL DEFAULT (1), "urlMode" varchar(8) NOT NULL DEFAULT (\'full\'), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE TABLE "device_inventory" ("deviceId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "hostname" varchar(255) NOT NULL, "os" varchar(255) NOT NULL, "agentVersion" varchar(64) NOT NULL, "lastSeenAt" datetime, "lastAddress" varchar(64))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_device_inventory_org" ON "device_inventory" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "devices" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "enrollmentTokenId" varchar(36), "revokedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query('CREATE INDEX "ix_devices_employee" ON "devices" ("employeeId") ');
      await queryRunner.query('CREATE INDEX "ix_devices_org" ON "devices" ("organizationId") ');
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_devices_token_hash" ON "devices" ("tokenHash") ',
      );
      await queryRunner.query(
        'CREATE TABLE "enrollment_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "tokenPrefix" varchar(12) NOT NULL, "createdByUserId" varchar(36), "expiresAt" datetime NOT NULL, "maxUses" integer, "uses" integer NOT NULL DEFAULT (0), "revokedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_enrollment_tokens_org" ON "enrollment_tokens" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_enrollment_tokens_hash" ON "enrollment_tokens" ("tokenHash") ',
      );
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
        'CREATE TABLE `activity_dirty_days` (`employeeId` varchar(36) NOT NULL, `utcDay` varchar(10) NOT NULL, `organizationId` varchar(36) NOT NULL, PRIMARY KEY (`employeeId`, `utcDay`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_keys` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `kind` varchar(8) NOT NULL, `name` varchar(255) NOT NULL, `normalized` varchar(255) NOT NULL, UNIQUE INDEX `ux_activity_keys_org_kind_normalized` (`organizationId`, `kind`, `normalized`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_spans` (`deviceId` varchar(36) NOT NULL, `eventId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `kind` varchar(8) NOT NULL, `startMs` bigint NOT NULL, `endMs` bigint NOT NULL, `keyId` varchar(36) NULL, `app` varchar(255) NULL, `title` varchar(1024) NULL, `url` varchar(2048) NULL, INDEX `ix_activity_spans_employee_start` (`employeeId`, `startMs`), PRIMARY KEY (`deviceId`, `eventId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `organization_settings` (`organizationId` varchar(36) NOT NULL, `collectTitles` tinyint NOT NULL DEFAULT 1, `urlMode` varchar(8) NOT NULL DEFAULT 'full', `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `device_inventory` (`deviceId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `hostname` varchar(255) NOT NULL, `os` varchar(255) NOT NULL, `agentVersion` varchar(64) NOT NULL, `lastSeenAt` datetime NULL, `lastAddress` varchar(64) NULL, INDEX `ix_device_inventory_org` (`organizationId`), PRIMARY KEY (`deviceId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `devices` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `enrollmentTokenId` varchar(36) NULL, `revokedAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_devices_employee` (`employeeId`), INDEX `ix_devices_org` (`organizationId`), UNIQUE INDEX `ux_devices_token_hash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `enrollment_tokens` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `tokenPrefix` varchar(12) NOT NULL, `createdByUserId` varchar(36) NULL, `expiresAt` datetime NOT NULL, `maxUses` int NULL, `uses` int NOT NULL DEFAULT '0', `revokedAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_enrollment_tokens_org` (`organizationId`), UNIQUE INDEX `ux_enrollment_tokens_hash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
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
      await queryRunner.query('DROP INDEX "ux_enrollment_tokens_hash"');
      await queryRunner.query('DROP INDEX "ix_enrollment_tokens_org"');
      await queryRunner.query('DROP TABLE "enrollment_tokens"');
      await queryRunner.query('DROP INDEX "ux_devices_token_hash"');
      await queryRunner.query('DROP INDEX "ix_devices_org"');
      await queryRunner.query('DROP INDEX "ix_devices_employee"');
      await queryRunner.query('DROP TABLE "devices"');
      await queryRunner.query('DROP INDEX "ix_device_inventory_org"');
      await queryRunner.query('DROP TABLE "device_inventory"');
      await queryRunner.query('DROP TABLE "organization_settings"');
      await queryRunner.query('DROP INDEX "ix_activity_spans_employee_start"');
      await queryRunner.query('DROP TABLE "activity_spans"');
      await queryRunner.query('DROP INDEX "ux_activity_keys_org_kind_normalized"');
      await queryRunner.query('DROP TABLE "activity_keys"');
      await queryRunner.query('DROP TABLE "activity_dirty_days"');
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
      await queryRunner.query('DROP INDEX `ux_enrollment_tokens_hash` ON `enrollment_tokens`');
      await queryRunner.query('DROP INDEX `ix_enrollment_tokens_org` ON `enrollment_tokens`');
      await queryRunner.query('DROP TABLE `enrollment_tokens`');
      await queryRunner.query('DROP INDEX `ux_devices_token_hash` ON `devices`');
      await queryRunner.query('DROP INDEX `ix_devices_org` ON `devices`');
      await queryRunner.query('DROP INDEX `ix_devices_employee` ON `devices`');
      await queryRunner.query('DROP TABLE `devices`');
      await queryRunner.query('DROP INDEX `ix_device_inventory_org` ON `device_inventory`');
      await queryRunner.query('DROP TABLE `device_inventory`');
      await queryRunner.query('DROP TABLE `organization_settings`');
      await queryRunner.query('DROP INDEX `ix_activity_spans_employee_start` ON `activity_spans`');
      await queryRunner.query('DROP TABLE `activity_spans`');
      await queryRunner.query(
        'DROP INDEX `ux_activity_keys_org_kind_normalized` ON `activity_keys`',
      );
      await queryRunner.query('DROP TABLE `activity_keys`');
      await queryRunner.query('DROP TABLE `activity_dirty_days`');
    }
  }
}
