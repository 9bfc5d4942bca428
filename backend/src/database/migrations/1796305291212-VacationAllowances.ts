import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VacationAllowances1796305291212 implements MigrationInterface {
  name = 'VacationAllowances1796305291212';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "vacation_policies" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "daysPerYear" integer NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE TABLE "vacation_allowances" ("employeeId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "daysPerYear" integer NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_vacation_allowances_org" ON "vacation_allowances" ("organizationId") ',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `vacation_policies` (`organizationId` varchar(36) NOT NULL, `daysPerYear` int NOT NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `vacation_allowances` (`employeeId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `daysPerYear` int NOT NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_vacation_allowances_org` (`organizationId`), PRIMARY KEY (`employeeId`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ix_vacation_allowances_org"');
      await queryRunner.query('DROP TABLE "vacation_allowances"');
      await queryRunner.query('DROP TABLE "vacation_policies"');
    } else {
      await queryRunner.query('DROP INDEX `ix_vacation_allowances_org` ON `vacation_allowances`');
      await queryRunner.query('DROP TABLE `vacation_allowances`');
      await queryRunner.query('DROP TABLE `vacation_policies`');
    }
  }
}
