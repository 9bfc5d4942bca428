import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796317536749 implements MigrationInterface {
  name = 'Webhooks1796317536749';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "webhook_deliveries" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "subscriptionId" varchar(36) NOT NULL, "eventId" varchar(36) NOT NULL, "eventName" varchar(64) NOT NULL, "payload" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'pending\'), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime NOT NULL, "giveUpAt" datetime NOT NULL, "lastStatusCode" integer, "lastDurationMs" integer, "lastError" varchar(500), "createdAt" datetime NOT NULL, "completedAt" datetime)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webhook_deliveries_log" ON "webhook_deliveries" ("organizationId", "subscriptionId", "createdAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("status", "nextAttemptAt") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_webhook_deliveries_event" ON "webhook_deliveries" ("subscriptionId", "eventId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "webhook_delivery_attempts" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "deliveryId" varchar(36) NOT NULL, "attempt" integer NOT NULL, "attemptedAt" datetime NOT NULL, "statusCode" integer, "durationMs" integer NOT NULL, "error" varchar(500))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webhook_delivery_attempts_delivery" ON "webhook_delivery_attempts" ("deliveryId", "attempt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "webhook_subscriptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "url" varchar(2048) NOT NULL, "description" varchar(200) NOT NULL DEFAULT (\'\'), "events" text NOT NULL, "secretSealed" text NOT NULL, "secretHint" varchar(8) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdByUserId" varchar(36), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webhook_subscriptions_org" ON "webhook_subscriptions" ("organizationId", "createdAt") ',
      );
    } else {
      await queryRunner.query(
        "CREATE TABLE `webhook_deliveries` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `subscriptionId` varchar(36) NOT NULL, `eventId` varchar(36) NOT NULL, `eventName` varchar(64) NOT NULL, `payload` text NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'pending', `attempts` int NOT NULL DEFAULT '0', `nextAttemptAt` datetime NOT NULL, `giveUpAt` datetime NOT NULL, `lastStatusCode` int NULL, `lastDurationMs` int NULL, `lastError` varchar(500) NULL, `createdAt` datetime NOT NULL, `completedAt` datetime NULL, INDEX `ix_webhook_deliveries_log` (`organizationId`, `subscriptionId`, `createdAt`), INDEX `ix_webhook_deliveries_due` (`status`, `nextAttemptAt`), UNIQUE INDEX `ux_webhook_deliveries_event` (`subscriptionId`, `eventId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `webhook_delivery_attempts` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `deliveryId` varchar(36) NOT NULL, `attempt` int NOT NULL, `attemptedAt` datetime NOT NULL, `statusCode` int NULL, `durationMs` int NOT NULL, `error` varchar(500) NULL, INDEX `ix_webhook_delivery_attempts_delivery` (`deliveryId`, `attempt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `webhook_subscriptions` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `url` varchar(2048) NOT NULL, `description` varchar(200) NOT NULL DEFAULT '', `events` text NOT NULL, `secretSealed` text NOT NULL, `secretHint` varchar(8) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `createdByUserId` varchar(36) NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, INDEX `ix_webhook_subscriptions_org` (`organizationId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_webhook_subscriptions_org"');
      await queryRunner.query('DROP TABLE "webhook_subscriptions"');
      await queryRunner.query('DROP INDEX "ix_webhook_delivery_attempts_delivery"');
      await queryRunner.query('DROP TABLE "webhook_delivery_attempts"');
      await queryRunner.query('DROP INDEX "ux_webhook_deliveries_event"');
      await queryRunner.query('DROP INDEX "ix_webhook_deliveries_due"');
      await queryRunner.query('DROP INDEX "ix_webhook_deliveries_log"');
      await queryRunner.query('DROP TABLE "webhook_deliveries"');
    } else {
      await queryRunner.query(
        'DROP INDEX `ix_webhook_subscriptions_org` ON `webhook_subscriptions`',
      );
      await queryRunner.query('DROP TABLE `webhook_subscriptions`');
      await queryRunner.query(
        'DROP INDEX `ix_webhook_delivery_attempts_delivery` ON `webhook_delivery_attempts`',
      );
      await queryRunner.query('DROP TABLE `webhook_delivery_attempts`');
      await queryRunner.query('DROP INDEX `ux_webhook_deliveries_event` ON `webhook_deliveries`');
      await queryRunner.query('DROP INDEX `ix_webhook_deliveries_due` ON `webhook_deliveries`');
      await queryRunner.query('DROP INDEX `ix_webhook_deliveries_log` ON `webhook_deliveries`');
      await queryRunner.query('DROP TABLE `webhook_deliveries`');
    }
  }
}
