import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1796316755945 implements MigrationInterface {
  name = 'ApiTokens1796316755945';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "api_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "name" varchar(100) NOT NULL, "userId" varchar(36), "createdByUserId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "tokenPrefix" varchar(16) NOT NULL, "scopes" varchar(255) NOT NULL, "expiresAt" datetime, "lastUsedAt" datetime, "lastUsedAddress" varchar(64), "revokedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_api_tokens_user" ON "api_tokens" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_api_tokens_org" ON "api_tokens" ("organizationId", "kind") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_api_tokens_hash" ON "api_tokens" ("tokenHash") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `api_tokens` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `kind` varchar(16) NOT NULL, `name` varchar(100) NOT NULL, `userId` varchar(36) NULL, `createdByUserId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `tokenPrefix` varchar(16) NOT NULL, `scopes` varchar(255) NOT NULL, `expiresAt` datetime NULL, `lastUsedAt` datetime NULL, `lastUsedAddress` varchar(64) NULL, `revokedAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_api_tokens_user` (`organizationId`, `userId`), INDEX `ix_api_tokens_org` (`organizationId`, `kind`), UNIQUE INDEX `ux_api_tokens_hash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ux_api_tokens_hash"');
      await queryRunner.query('DROP INDEX "ix_api_tokens_org"');
      await queryRunner.query('DROP INDEX "ix_api_tokens_user"');
      await queryRunner.query('DROP TABLE "api_tokens"');
    } else {
      await queryRunner.query('DROP INDEX `ux_api_tokens_hash` ON `api_tokens`');
      await queryRunner.query('DROP INDEX `ix_api_tokens_org` ON `api_tokens`');
      await queryRunner.query('DROP INDEX `ix_api_tokens_user` ON `api_tokens`');
      await queryRunner.query('DROP TABLE `api_tokens`');
    }
  }
}
