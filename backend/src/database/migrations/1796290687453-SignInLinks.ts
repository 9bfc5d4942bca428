import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInLinks1796290687453 implements MigrationInterface {
  name = 'SignInLinks1796290687453';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "sign_in_links" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "createdAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "requestedFrom" varchar(64) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_sign_in_links_hash" ON "sign_in_links" ("tokenHash") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_sign_in_links_user" ON "sign_in_links" ("userId", "createdAt") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `sign_in_links` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdAt` datetime NOT NULL, `expiresAt` datetime NOT NULL, `usedAt` datetime NULL, `requestedFrom` varchar(64) NOT NULL, UNIQUE INDEX `ux_sign_in_links_hash` (`tokenHash`), INDEX `ix_sign_in_links_user` (`userId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_sign_in_links_user"');
      await queryRunner.query('DROP INDEX "ux_sign_in_links_hash"');
      await queryRunner.query('DROP TABLE "sign_in_links"');
    } else {
      await queryRunner.query('DROP INDEX `ix_sign_in_links_user` ON `sign_in_links`');
      await queryRunner.query('DROP INDEX `ux_sign_in_links_hash` ON `sign_in_links`');
      await queryRunner.query('DROP TABLE `sign_in_links`');
    }
  }
}
