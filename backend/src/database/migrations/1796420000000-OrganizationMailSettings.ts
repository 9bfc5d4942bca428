import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An organization's own SMTP server, set in the console (its password sealed). */
export class OrganizationMailSettings1796420000000 implements MigrationInterface {
  name = 'OrganizationMailSettings1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "organization_mail_settings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "host" varchar(255) NOT NULL, "port" integer NOT NULL, "security" varchar(16) NOT NULL, "username" varchar(255), "passwordSealed" text, "fromAddress" varchar(320) NOT NULL, "updatedByUserId" varchar(36), "updatedAt" bigint NOT NULL)',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `organization_mail_settings` (`organizationId` varchar(36) NOT NULL, `host` varchar(255) NOT NULL, `port` int NOT NULL, `security` varchar(16) NOT NULL, `username` varchar(255) NULL, `passwordSealed` text NULL, `fromAddress` varchar(320) NOT NULL, `updatedByUserId` varchar(36) NULL, `updatedAt` bigint NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "organization_mail_settings"');
    } else {
      await queryRunner.query('DROP TABLE `organization_mail_settings`');
    }
  }
}
