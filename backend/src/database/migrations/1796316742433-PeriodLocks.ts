import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeriodLocks1796316742433 implements MigrationInterface {
  name = 'PeriodLocks1796316742433';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "period_frozen_attendance" ("employeeId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "organizationId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "status" varchar(16) NOT NULL, "scheduledSeconds" integer NOT NULL, "workedSeconds" integer NOT NULL, "arrivedAt" varchar(30), "leftAt" varchar(30), "lateSeconds" integer NOT NULL, "earlyLeaveSeconds" integer NOT NULL, "overtimeSeconds" integer NOT NULL, "absenceKind" varchar(16), "absenceSeconds" integer NOT NULL DEFAULT (0), PRIMARY KEY ("employeeId", "date"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_period_frozen_attendance_org_month" ON "period_frozen_attendance" ("organizationId", "month") ',
      );
      await queryRunner.query(
        'CREATE TABLE "period_frozen_day_totals" ("employeeId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "organizationId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "activeMs" bigint NOT NULL, "idleMs" bigint NOT NULL, "firstActiveMs" bigint, "lastActiveMs" bigint, "productiveMs" bigint NOT NULL, "neutralMs" bigint NOT NULL, "unproductiveMs" bigint NOT NULL, PRIMARY KEY ("employeeId", "day"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_period_frozen_day_totals_org_month" ON "period_frozen_day_totals" ("organizationId", "month") ',
      );
      await queryRunner.query(
        'CREATE TABLE "period_locks" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "lockedAt" bigint NOT NULL, "lockedByUserId" varchar(36))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_period_locks_org_month" ON "period_locks" ("organizationId", "month") ',
      );
    } else {
      await queryRunner.query(
        "CREATE TABLE `period_frozen_attendance` (`employeeId` varchar(36) NOT NULL, `date` varchar(10) NOT NULL, `organizationId` varchar(36) NOT NULL, `month` varchar(7) NOT NULL, `status` varchar(16) NOT NULL, `scheduledSeconds` int NOT NULL, `workedSeconds` int NOT NULL, `arrivedAt` varchar(30) NULL, `leftAt` varchar(30) NULL, `lateSeconds` int NOT NULL, `earlyLeaveSeconds` int NOT NULL, `overtimeSeconds` int NOT NULL, `absenceKind` varchar(16) NULL, `absenceSeconds` int NOT NULL DEFAULT '0', INDEX `ix_period_frozen_attendance_org_month` (`organizationId`, `month`), PRIMARY KEY (`employeeId`, `date`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `period_frozen_day_totals` (`employeeId` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `organizationId` varchar(36) NOT NULL, `month` varchar(7) NOT NULL, `activeMs` bigint NOT NULL, `idleMs` bigint NOT NULL, `firstActiveMs` bigint NULL, `lastActiveMs` bigint NULL, `productiveMs` bigint NOT NULL, `neutralMs` bigint NOT NULL, `unproductiveMs` bigint NOT NULL, INDEX `ix_period_frozen_day_totals_org_month` (`organizationId`, `month`), PRIMARY KEY (`employeeId`, `day`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `period_locks` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `month` varchar(7) NOT NULL, `lockedAt` bigint NOT NULL, `lockedByUserId` varchar(36) NULL, UNIQUE INDEX `ux_period_locks_org_month` (`organizationId`, `month`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP INDEX "ux_period_locks_org_month"');
      await queryRunner.query('DROP TABLE "period_locks"');
      await queryRunner.query('DROP INDEX "ix_period_frozen_day_totals_org_month"');
      await queryRunner.query('DROP TABLE "period_frozen_day_totals"');
      await queryRunner.query('DROP INDEX "ix_period_frozen_attendance_org_month"');
      await queryRunner.query('DROP TABLE "period_frozen_attendance"');
    } else {
      await queryRunner.query('DROP INDEX `ux_period_locks_org_month` ON `period_locks`');
      await queryRunner.query('DROP TABLE `period_locks`');
      await queryRunner.query(
        'DROP INDEX `ix_period_frozen_day_totals_org_month` ON `period_frozen_day_totals`',
      );
      await queryRunner.query('DROP TABLE `period_frozen_day_totals`');
      await queryRunner.query(
        'DROP INDEX `ix_period_frozen_attendance_org_month` ON `period_frozen_attendance`',
      );
      await queryRunner.query('DROP TABLE `period_frozen_attendance`');
    }
  }
}
