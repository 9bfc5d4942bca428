import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollMappings1796317770968 implements MigrationInterface {
  name = 'PayrollMappings1796317770968';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "payroll_mappings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "mapping" text NOT NULL, "updatedByUserId" varchar(36), "updatedAt" bigint NOT NULL)',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `payroll_mappings` (`organizationId` varchar(36) NOT NULL, `mapping` text NOT NULL, `updatedByUserId` varchar(36) NULL, `updatedAt` bigint NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "payroll_mappings"');
    } else {
      await queryRunner.query('DROP TABLE `payroll_mappings`');
    }
  }
}
