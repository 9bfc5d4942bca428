import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DemoDatasets1796409835927 implements MigrationInterface {
  name = 'DemoDatasets1796409835927';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "demo_datasets" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "state" varchar(16) NOT NULL, "seed" integer NOT NULL, "employeesWanted" integer NOT NULL, "days" integer NOT NULL, "progressDone" integer NOT NULL DEFAULT (0), "progressTotal" integer NOT NULL DEFAULT (0), "teamIds" text NOT NULL, "ruleIds" text NOT NULL, "enrollmentTokenId" varchar(36), "noticeId" varchar(36), "error" varchar(500), "startedAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)',
      );
    } else {
      await queryRunner.query(
        "CREATE TABLE `demo_datasets` (`organizationId` varchar(36) NOT NULL, `state` varchar(16) NOT NULL, `seed` int NOT NULL, `employeesWanted` int NOT NULL, `days` int NOT NULL, `progressDone` int NOT NULL DEFAULT '0', `progressTotal` int NOT NULL DEFAULT '0', `teamIds` text NOT NULL, `ruleIds` text NOT NULL, `enrollmentTokenId` varchar(36) NULL, `noticeId` varchar(36) NULL, `error` varchar(500) NULL, `startedAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "demo_datasets"');
    } else {
      await queryRunner.query('DROP TABLE `demo_datasets`');
    }
  }
}
