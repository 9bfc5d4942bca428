import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScimResources1796317562199 implements MigrationInterface {
  name = 'ScimResources1796317562199';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "scim_resources" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "resourceType" varchar(8) NOT NULL, "resourceId" varchar(36) NOT NULL, "externalId" varchar(255), "deletedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_scim_resources_resource" ON "scim_resources" ("organizationId", "resourceType", "resourceId") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `scim_resources` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `resourceType` varchar(8) NOT NULL, `resourceId` varchar(36) NOT NULL, `externalId` varchar(255) NULL, `deletedAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_scim_resources_resource` (`organizationId`, `resourceType`, `resourceId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ux_scim_resources_resource"');
      await queryRunner.query('DROP TABLE "scim_resources"');
    } else {
      await queryRunner.query('DROP INDEX `ux_scim_resources_resource` ON `scim_resources`');
      await queryRunner.query('DROP TABLE `scim_resources`');
    }
  }
}
