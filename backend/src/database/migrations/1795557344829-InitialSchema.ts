import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795557344829 implements MigrationInterface {
  name = 'InitialSchema1795557344829';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "billing_accounts" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "nextInvoiceNumber" integer NOT NULL DEFAULT (1))',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_contacts" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "locale" varchar(8), "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_billing_contacts_email" ON "billing_contacts" ("organizationId", "email") ',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "number" integer NOT NULL, "kind" varchar(16) NOT NULL, "periodKey" varchar(7), "periodStart" varchar(10) NOT NULL, "periodEnd" varchar(10) NOT NULL, "plan" varchar(16) NOT NULL, "seats" integer NOT NULL, "unitPriceMinor" integer NOT NULL, "currency" varchar(3) NOT NULL, "netMinor" bigint NOT NULL, "taxRateBasisPoints" integer NOT NULL, "taxMinor" bigint NOT NULL, "totalMinor" bigint NOT NULL, "creditsInvoiceId" varchar(36), "reason" varchar(200), "locale" varchar(8) NOT NULL, "issuedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_billing_invoices_period" ON "billing_invoices" ("organizationId", "periodKey") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_billing_invoices_number" ON "billing_invoices" ("organizationId", "number") ',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_licenses" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "licenseId" varchar(64) NOT NULL, "licensee" varchar(200) NOT NULL, "plan" varchar(16) NOT NULL, "seats" integer NOT NULL, "validFrom" datetime NOT NULL, "validUntil" datetime NOT NULL, "document" text NOT NULL, "uploadedAt" datetime NOT NULL, "uploadedByUserId" varchar(36) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_billing_licenses_org" ON "billing_licenses" ("organizationId", "uploadedAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "invoiceId" varchar(36) NOT NULL, "amountMinor" bigint NOT NULL, "method" varchar(16) NOT NULL, "reference" varchar(200), "receivedAt" datetime NOT NULL, "recordedByUserId" varchar(36) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_billing_payments_invoice" ON "billing_payments" ("organizationId", "invoiceId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_seat_usage" ("organizationId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "seats" integer NOT NULL, PRIMARY KEY ("organizationId", "day"))',
      );
      await queryRunner.query(
        'CREATE TABLE "billing_stored_cards" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "provider" varchar(32) NOT NULL, "keyId" varchar(16) NOT NULL, "sealed" text NOT NULL, "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_billing_stored_cards_org" ON "billing_stored_cards" ("organizationId") ',
      );
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
        'CREATE TABLE "invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "invitedByUserId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "expiresAt" datetime NOT NULL, "acceptedAt" datetime, "revokedAt" datetime)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_invitations_hash" ON "invitations" ("tokenHash") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_invitations_org_user" ON "invitations" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "login_attempts" ("id" varchar(36) PRIMARY KEY NOT NULL, "emailHash" varchar(64) NOT NULL, "clientAddress" varchar(64) NOT NULL, "attemptedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_login_attempts_time" ON "login_attempts" ("attemptedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_login_attempts_address" ON "login_attempts" ("clientAddress", "attemptedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_login_attempts_email" ON "login_attempts" ("emailHash", "attemptedAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "organizations" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "defaultTimeZone" varchar(64) NOT NULL DEFAULT (\'UTC\'), "locale" varchar(8) NOT NULL DEFAULT (\'en\'), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "userAgent" varchar(255), "clientAddress" varchar(64), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "lastUsedAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "revokedAt" datetime, "revokedReason" varchar(32))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_sessions_org_user" ON "sessions" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "sessionId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "rotatedAt" datetime)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens" ("sessionId") ',
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
        'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL DEFAULT (\'\'), "phone" varchar(32), "passwordHash" varchar(255), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "locale" varchar(8), "employeeId" varchar(36), "mfaSecret" varchar(255), "mfaEnabledAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query('CREATE UNIQUE INDEX "ux_users_email" ON "users" ("email") ');
      await queryRunner.query('CREATE INDEX "ix_users_org" ON "users" ("organizationId") ');
      await queryRunner.query(
        'CREATE TABLE "productivity_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "teamId" varchar(36), "scope" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "pattern" varchar(255) NOT NULL, "normalized" varchar(255) NOT NULL, "productivity" varchar(16) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_productivity_rules_scope" ON "productivity_rules" ("organizationId", "scope", "kind", "normalized") ',
      );
      await queryRunner.query(
        'CREATE TABLE "productivity_rule_sets" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "revision" integer NOT NULL DEFAULT (1), "seeded" boolean NOT NULL DEFAULT (0))',
      );
      await queryRunner.query(
        'CREATE TABLE "productivity_rule_revisions" ("organizationId" varchar(36) NOT NULL, "revision" integer NOT NULL, "rules" text NOT NULL, PRIMARY KEY ("organizationId", "revision"))',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_day_totals" ("employeeId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "organizationId" varchar(36) NOT NULL, "activeMs" integer NOT NULL, "idleMs" integer NOT NULL, "firstActiveMs" bigint, "lastActiveMs" bigint, "productiveMs" integer NOT NULL, "neutralMs" integer NOT NULL, "unproductiveMs" integer NOT NULL, "classRevision" integer NOT NULL, "classTeamId" varchar(36) NOT NULL, "generation" integer NOT NULL, PRIMARY KEY ("employeeId", "day"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_activity_day_totals_org_day" ON "activity_day_totals" ("organizationId", "day") ',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_day_keysets" ("employeeId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "keysetId" varchar(36) NOT NULL, "organizationId" varchar(36) NOT NULL, "ms" integer NOT NULL, PRIMARY KEY ("employeeId", "day", "keysetId"))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_activity_day_keysets_employee_keyset" ON "activity_day_keysets" ("employeeId", "keysetId", "day", "ms") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_activity_day_keysets_org_day" ON "activity_day_keysets" ("organizationId", "day") ',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_keysets" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "keyIds" text NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "activity_rollup_states" ("employeeId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "timeZone" varchar(64) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "report_exports" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "requestedByUserId" varchar(36) NOT NULL, "subscriptionId" varchar(36), "report" varchar(16) NOT NULL, "format" varchar(8) NOT NULL, "fromDay" varchar(10) NOT NULL, "toDay" varchar(10) NOT NULL, "filters" text NOT NULL, "locale" varchar(8) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'queued\'), "progress" integer NOT NULL DEFAULT (0), "rowCount" integer NOT NULL DEFAULT (0), "filePath" varchar(255), "fileSize" bigint, "totals" text, "error" text, "runToken" varchar(36), "leaseUntil" datetime, "runs" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "completedAt" datetime, "expiresAt" datetime)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_expires" ON "report_exports" ("expiresAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_status_updated" ON "report_exports" ("status", "updatedAt") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_exports_org_user_created" ON "report_exports" ("organizationId", "requestedByUserId", "createdAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "report_subscriptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "frequency" varchar(8) NOT NULL, "format" varchar(8) NOT NULL, "teamId" varchar(36), "delivery" varchar(12) NOT NULL, "lastPeriodFrom" varchar(10), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_report_subscriptions_org_user" ON "report_subscriptions" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "mail_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36), "toEmail" varchar(254) NOT NULL, "template" varchar(64) NOT NULL, "category" varchar(16) NOT NULL, "locale" varchar(8), "params" text, "attachments" text, "status" varchar(16) NOT NULL DEFAULT (\'queued\'), "dedupeKey" varchar(200), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "sentAt" datetime)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_mail_messages_dedupe" ON "mail_messages" ("dedupeKey") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_mail_messages_org_user" ON "mail_messages" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_mail_messages_status_created" ON "mail_messages" ("status", "createdAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "mail_preferences" ("userId" varchar(36) NOT NULL, "category" varchar(16) NOT NULL, "organizationId" varchar(36) NOT NULL, "enabled" boolean NOT NULL, "source" varchar(24) NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')), PRIMARY KEY ("userId", "category"))',
      );
      await queryRunner.query(
        'CREATE TABLE "password_reset_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "expiresAt" datetime NOT NULL, "usedAt" datetime)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_password_reset_tokens_hash" ON "password_reset_tokens" ("tokenHash") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_password_reset_tokens_user" ON "password_reset_tokens" ("userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "audit_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "at" bigint NOT NULL, "actorUserId" varchar(36), "actorRole" varchar(16), "action" varchar(64) NOT NULL, "targetType" varchar(32), "targetId" varchar(36), "subjectEmployeeId" varchar(36), "details" text NOT NULL, "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_audit_entries_subject" ON "audit_entries" ("subjectEmployeeId", "at") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_audit_entries_org_seq" ON "audit_entries" ("organizationId", "seq") ',
      );
      await queryRunner.query(
        'CREATE TABLE "audit_heads" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_notices" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "version" integer NOT NULL, "texts" text NOT NULL, "publishedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_notices_org_version" ON "privacy_notices" ("organizationId", "version") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_notice_acknowledgements" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "deviceId" varchar(36) NOT NULL, "version" integer NOT NULL, "language" varchar(8) NOT NULL, "acknowledgedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_notice_ack_org_version" ON "privacy_notice_acknowledgements" ("organizationId", "version") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_notice_ack" ON "privacy_notice_acknowledgements" ("employeeId", "version", "deviceId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_policy_versions" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "version" integer NOT NULL, "texts" text NOT NULL, "authoritativeLanguage" varchar(8) NOT NULL, "summary" varchar(500), "publishedAt" datetime NOT NULL, "effectiveAt" datetime NOT NULL, "publishedByUserId" varchar(36))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_policy_org_effective" ON "privacy_policy_versions" ("organizationId", "effectiveAt") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_policy_org_version" ON "privacy_policy_versions" ("organizationId", "version") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_policy_acceptances" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "employeeId" varchar(36), "policyVersionId" varchar(36) NOT NULL, "version" integer NOT NULL, "acceptedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_policy_acceptance_org" ON "privacy_policy_acceptances" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_privacy_policy_acceptance" ON "privacy_policy_acceptances" ("userId", "policyVersionId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_requests" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "employeeId" varchar(36) NOT NULL, "type" varchar(16) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'pending\'), "note" text, "filedByUserId" varchar(36), "dueAt" datetime NOT NULL, "completedAt" datetime, "rejectionReason" varchar(500), "resultFile" varchar(255), "downloadExpiresAt" datetime, "verification" text, "reminded7" boolean NOT NULL DEFAULT (0), "reminded1" boolean NOT NULL DEFAULT (0), "attempts" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_requests_employee" ON "privacy_requests" ("employeeId") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_requests_org_status" ON "privacy_requests" ("organizationId", "status") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_legal_holds" ("employeeId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "reason" varchar(500) NOT NULL, "setByUserId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_privacy_legal_holds_org" ON "privacy_legal_holds" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_retention_settings" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "rawActivityDays" integer NOT NULL, "dailyTotalsDays" integer NOT NULL, "exportFileDays" integer NOT NULL, "auditDays" integer NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime(\'now\')))',
      );
      await queryRunner.query(
        'CREATE TABLE "privacy_organization_closures" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "closedAt" datetime NOT NULL, "purgeAt" datetime NOT NULL, "closedByUserId" varchar(36))',
      );
    } else {
      await queryRunner.query(
        "CREATE TABLE `billing_accounts` (`organizationId` varchar(36) NOT NULL, `taxRateBasisPoints` int NOT NULL DEFAULT '0', `nextInvoiceNumber` int NOT NULL DEFAULT '1', PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `billing_contacts` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `email` varchar(254) NOT NULL, `locale` varchar(8) NULL, `createdAt` datetime NOT NULL, UNIQUE INDEX `ux_billing_contacts_email` (`organizationId`, `email`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `billing_invoices` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `number` int NOT NULL, `kind` varchar(16) NOT NULL, `periodKey` varchar(7) NULL, `periodStart` varchar(10) NOT NULL, `periodEnd` varchar(10) NOT NULL, `plan` varchar(16) NOT NULL, `seats` int NOT NULL, `unitPriceMinor` int NOT NULL, `currency` varchar(3) NOT NULL, `netMinor` bigint NOT NULL, `taxRateBasisPoints` int NOT NULL, `taxMinor` bigint NOT NULL, `totalMinor` bigint NOT NULL, `creditsInvoiceId` varchar(36) NULL, `reason` varchar(200) NULL, `locale` varchar(8) NOT NULL, `issuedAt` datetime NOT NULL, UNIQUE INDEX `ux_billing_invoices_period` (`organizationId`, `periodKey`), UNIQUE INDEX `ux_billing_invoices_number` (`organizationId`, `number`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `billing_licenses` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `licenseId` varchar(64) NOT NULL, `licensee` varchar(200) NOT NULL, `plan` varchar(16) NOT NULL, `seats` int NOT NULL, `validFrom` datetime NOT NULL, `validUntil` datetime NOT NULL, `document` text NOT NULL, `uploadedAt` datetime NOT NULL, `uploadedByUserId` varchar(36) NOT NULL, INDEX `ix_billing_licenses_org` (`organizationId`, `uploadedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `billing_payments` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `invoiceId` varchar(36) NOT NULL, `amountMinor` bigint NOT NULL, `method` varchar(16) NOT NULL, `reference` varchar(200) NULL, `receivedAt` datetime NOT NULL, `recordedByUserId` varchar(36) NOT NULL, INDEX `ix_billing_payments_invoice` (`organizationId`, `invoiceId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `billing_seat_usage` (`organizationId` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `seats` int NOT NULL, PRIMARY KEY (`organizationId`, `day`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `billing_stored_cards` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `provider` varchar(32) NOT NULL, `keyId` varchar(16) NOT NULL, `sealed` text NOT NULL, `createdAt` datetime NOT NULL, INDEX `ix_billing_stored_cards_org` (`organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
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
        'CREATE TABLE `invitations` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `invitedByUserId` varchar(36) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `expiresAt` datetime NOT NULL, `acceptedAt` datetime NULL, `revokedAt` datetime NULL, UNIQUE INDEX `ux_invitations_hash` (`tokenHash`), INDEX `ix_invitations_org_user` (`organizationId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `login_attempts` (`id` varchar(36) NOT NULL, `emailHash` varchar(64) NOT NULL, `clientAddress` varchar(64) NOT NULL, `attemptedAt` datetime NOT NULL, INDEX `ix_login_attempts_time` (`attemptedAt`), INDEX `ix_login_attempts_address` (`clientAddress`, `attemptedAt`), INDEX `ix_login_attempts_email` (`emailHash`, `attemptedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `organizations` (`id` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `defaultTimeZone` varchar(64) NOT NULL DEFAULT 'UTC', `locale` varchar(8) NOT NULL DEFAULT 'en', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `sessions` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `userAgent` varchar(255) NULL, `clientAddress` varchar(64) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `lastUsedAt` datetime NOT NULL, `expiresAt` datetime NOT NULL, `revokedAt` datetime NULL, `revokedReason` varchar(32) NULL, INDEX `ix_sessions_org_user` (`organizationId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `refresh_tokens` (`id` varchar(36) NOT NULL, `sessionId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `rotatedAt` datetime NULL, UNIQUE INDEX `ux_refresh_tokens_hash` (`tokenHash`), INDEX `ix_refresh_tokens_session` (`sessionId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `teams` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_teams_org_name` (`organizationId`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `team_managers` (`teamId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `ix_team_managers_user` (`userId`), PRIMARY KEY (`teamId`, `userId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `users` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `firstName` varchar(100) NOT NULL, `lastName` varchar(100) NOT NULL DEFAULT '', `phone` varchar(32) NULL, `passwordHash` varchar(255) NULL, `role` varchar(16) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `locale` varchar(8) NULL, `employeeId` varchar(36) NULL, `mfaSecret` varchar(255) NULL, `mfaEnabledAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_users_email` (`email`), INDEX `ix_users_org` (`organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `productivity_rules` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `teamId` varchar(36) NULL, `scope` varchar(36) NOT NULL, `kind` varchar(8) NOT NULL, `pattern` varchar(255) NOT NULL, `normalized` varchar(255) NOT NULL, `productivity` varchar(16) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_productivity_rules_scope` (`organizationId`, `scope`, `kind`, `normalized`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `productivity_rule_sets` (`organizationId` varchar(36) NOT NULL, `revision` int NOT NULL DEFAULT '1', `seeded` tinyint NOT NULL DEFAULT 0, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `productivity_rule_revisions` (`organizationId` varchar(36) NOT NULL, `revision` int NOT NULL, `rules` text NOT NULL, PRIMARY KEY (`organizationId`, `revision`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_day_totals` (`employeeId` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `organizationId` varchar(36) NOT NULL, `activeMs` int NOT NULL, `idleMs` int NOT NULL, `firstActiveMs` bigint NULL, `lastActiveMs` bigint NULL, `productiveMs` int NOT NULL, `neutralMs` int NOT NULL, `unproductiveMs` int NOT NULL, `classRevision` int NOT NULL, `classTeamId` varchar(36) NOT NULL, `generation` int NOT NULL, INDEX `ix_activity_day_totals_org_day` (`organizationId`, `day`), PRIMARY KEY (`employeeId`, `day`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_day_keysets` (`employeeId` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `keysetId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `ms` int NOT NULL, INDEX `ix_activity_day_keysets_employee_keyset` (`employeeId`, `keysetId`, `day`, `ms`), INDEX `ix_activity_day_keysets_org_day` (`organizationId`, `day`), PRIMARY KEY (`employeeId`, `day`, `keysetId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_keysets` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `keyIds` text NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `activity_rollup_states` (`employeeId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `timeZone` varchar(64) NOT NULL, PRIMARY KEY (`employeeId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `report_exports` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `requestedByUserId` varchar(36) NOT NULL, `subscriptionId` varchar(36) NULL, `report` varchar(16) NOT NULL, `format` varchar(8) NOT NULL, `fromDay` varchar(10) NOT NULL, `toDay` varchar(10) NOT NULL, `filters` text NOT NULL, `locale` varchar(8) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'queued', `progress` int NOT NULL DEFAULT '0', `rowCount` int NOT NULL DEFAULT '0', `filePath` varchar(255) NULL, `fileSize` bigint NULL, `totals` text NULL, `error` text NULL, `runToken` varchar(36) NULL, `leaseUntil` datetime NULL, `runs` int NOT NULL DEFAULT '0', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `completedAt` datetime NULL, `expiresAt` datetime NULL, INDEX `ix_report_exports_expires` (`expiresAt`), INDEX `ix_report_exports_status_updated` (`status`, `updatedAt`), INDEX `ix_report_exports_org_user_created` (`organizationId`, `requestedByUserId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `report_subscriptions` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `frequency` varchar(8) NOT NULL, `format` varchar(8) NOT NULL, `teamId` varchar(36) NULL, `delivery` varchar(12) NOT NULL, `lastPeriodFrom` varchar(10) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_report_subscriptions_org_user` (`organizationId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `mail_messages` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NULL, `toEmail` varchar(254) NOT NULL, `template` varchar(64) NOT NULL, `category` varchar(16) NOT NULL, `locale` varchar(8) NULL, `params` text NULL, `attachments` text NULL, `status` varchar(16) NOT NULL DEFAULT 'queued', `dedupeKey` varchar(200) NULL, `attempts` int NOT NULL DEFAULT '0', `lastError` text NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `sentAt` datetime NULL, UNIQUE INDEX `ux_mail_messages_dedupe` (`dedupeKey`), INDEX `ix_mail_messages_org_user` (`organizationId`, `userId`), INDEX `ix_mail_messages_status_created` (`status`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `mail_preferences` (`userId` varchar(36) NOT NULL, `category` varchar(16) NOT NULL, `organizationId` varchar(36) NOT NULL, `enabled` tinyint NOT NULL, `source` varchar(24) NOT NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`userId`, `category`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `password_reset_tokens` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `expiresAt` datetime NOT NULL, `usedAt` datetime NULL, UNIQUE INDEX `ux_password_reset_tokens_hash` (`tokenHash`), INDEX `ix_password_reset_tokens_user` (`userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `audit_entries` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `seq` int NOT NULL, `at` bigint NOT NULL, `actorUserId` varchar(36) NULL, `actorRole` varchar(16) NULL, `action` varchar(64) NOT NULL, `targetType` varchar(32) NULL, `targetId` varchar(36) NULL, `subjectEmployeeId` varchar(36) NULL, `details` text NOT NULL, `prevHash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, INDEX `ix_audit_entries_subject` (`subjectEmployeeId`, `at`), UNIQUE INDEX `ux_audit_entries_org_seq` (`organizationId`, `seq`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `audit_heads` (`organizationId` varchar(36) NOT NULL, `seq` int NOT NULL, `hash` varchar(64) NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_notices` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `version` int NOT NULL, `texts` text NOT NULL, `publishedAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `ux_privacy_notices_org_version` (`organizationId`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_notice_acknowledgements` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `deviceId` varchar(36) NOT NULL, `version` int NOT NULL, `language` varchar(8) NOT NULL, `acknowledgedAt` datetime NOT NULL, INDEX `ix_privacy_notice_ack_org_version` (`organizationId`, `version`), UNIQUE INDEX `ux_privacy_notice_ack` (`employeeId`, `version`, `deviceId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_policy_versions` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `version` int NOT NULL, `texts` text NOT NULL, `authoritativeLanguage` varchar(8) NOT NULL, `summary` varchar(500) NULL, `publishedAt` datetime NOT NULL, `effectiveAt` datetime NOT NULL, `publishedByUserId` varchar(36) NULL, INDEX `ix_privacy_policy_org_effective` (`organizationId`, `effectiveAt`), UNIQUE INDEX `ux_privacy_policy_org_version` (`organizationId`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_policy_acceptances` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `employeeId` varchar(36) NULL, `policyVersionId` varchar(36) NOT NULL, `version` int NOT NULL, `acceptedAt` datetime NOT NULL, INDEX `ix_privacy_policy_acceptance_org` (`organizationId`), UNIQUE INDEX `ux_privacy_policy_acceptance` (`userId`, `policyVersionId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `privacy_requests` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `type` varchar(16) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'pending', `note` text NULL, `filedByUserId` varchar(36) NULL, `dueAt` datetime NOT NULL, `completedAt` datetime NULL, `rejectionReason` varchar(500) NULL, `resultFile` varchar(255) NULL, `downloadExpiresAt` datetime NULL, `verification` text NULL, `reminded7` tinyint NOT NULL DEFAULT 0, `reminded1` tinyint NOT NULL DEFAULT 0, `attempts` int NOT NULL DEFAULT '0', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_privacy_requests_employee` (`employeeId`), INDEX `ix_privacy_requests_org_status` (`organizationId`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_legal_holds` (`employeeId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `reason` varchar(500) NOT NULL, `setByUserId` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_privacy_legal_holds_org` (`organizationId`), PRIMARY KEY (`employeeId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_retention_settings` (`organizationId` varchar(36) NOT NULL, `rawActivityDays` int NOT NULL, `dailyTotalsDays` int NOT NULL, `exportFileDays` int NOT NULL, `auditDays` int NOT NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `privacy_organization_closures` (`organizationId` varchar(36) NOT NULL, `closedAt` datetime NOT NULL, `purgeAt` datetime NOT NULL, `closedByUserId` varchar(36) NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "privacy_organization_closures"');
      await queryRunner.query('DROP TABLE "privacy_retention_settings"');
      await queryRunner.query('DROP INDEX "ix_privacy_legal_holds_org"');
      await queryRunner.query('DROP TABLE "privacy_legal_holds"');
      await queryRunner.query('DROP INDEX "ix_privacy_requests_org_status"');
      await queryRunner.query('DROP INDEX "ix_privacy_requests_employee"');
      await queryRunner.query('DROP TABLE "privacy_requests"');
      await queryRunner.query('DROP INDEX "ux_privacy_policy_acceptance"');
      await queryRunner.query('DROP INDEX "ix_privacy_policy_acceptance_org"');
      await queryRunner.query('DROP TABLE "privacy_policy_acceptances"');
      await queryRunner.query('DROP INDEX "ux_privacy_policy_org_version"');
      await queryRunner.query('DROP INDEX "ix_privacy_policy_org_effective"');
      await queryRunner.query('DROP TABLE "privacy_policy_versions"');
      await queryRunner.query('DROP INDEX "ux_privacy_notice_ack"');
      await queryRunner.query('DROP INDEX "ix_privacy_notice_ack_org_version"');
      await queryRunner.query('DROP TABLE "privacy_notice_acknowledgements"');
      await queryRunner.query('DROP INDEX "ux_privacy_notices_org_version"');
      await queryRunner.query('DROP TABLE "privacy_notices"');
      await queryRunner.query('DROP TABLE "audit_heads"');
      await queryRunner.query('DROP INDEX "ux_audit_entries_org_seq"');
      await queryRunner.query('DROP INDEX "ix_audit_entries_subject"');
      await queryRunner.query('DROP TABLE "audit_entries"');
      await queryRunner.query('DROP INDEX "ix_password_reset_tokens_user"');
      await queryRunner.query('DROP INDEX "ux_password_reset_tokens_hash"');
      await queryRunner.query('DROP TABLE "password_reset_tokens"');
      await queryRunner.query('DROP TABLE "mail_preferences"');
      await queryRunner.query('DROP INDEX "ix_mail_messages_status_created"');
      await queryRunner.query('DROP INDEX "ix_mail_messages_org_user"');
      await queryRunner.query('DROP INDEX "ux_mail_messages_dedupe"');
      await queryRunner.query('DROP TABLE "mail_messages"');
      await queryRunner.query('DROP INDEX "ix_report_subscriptions_org_user"');
      await queryRunner.query('DROP TABLE "report_subscriptions"');
      await queryRunner.query('DROP INDEX "ix_report_exports_org_user_created"');
      await queryRunner.query('DROP INDEX "ix_report_exports_status_updated"');
      await queryRunner.query('DROP INDEX "ix_report_exports_expires"');
      await queryRunner.query('DROP TABLE "report_exports"');
      await queryRunner.query('DROP TABLE "activity_rollup_states"');
      await queryRunner.query('DROP TABLE "activity_keysets"');
      await queryRunner.query('DROP INDEX "ix_activity_day_keysets_org_day"');
      await queryRunner.query('DROP INDEX "ix_activity_day_keysets_employee_keyset"');
      await queryRunner.query('DROP TABLE "activity_day_keysets"');
      await queryRunner.query('DROP INDEX "ix_activity_day_totals_org_day"');
      await queryRunner.query('DROP TABLE "activity_day_totals"');
      await queryRunner.query('DROP TABLE "productivity_rule_revisions"');
      await queryRunner.query('DROP TABLE "productivity_rule_sets"');
      await queryRunner.query('DROP INDEX "ux_productivity_rules_scope"');
      await queryRunner.query('DROP TABLE "productivity_rules"');
      await queryRunner.query('DROP INDEX "ix_users_org"');
      await queryRunner.query('DROP INDEX "ux_users_email"');
      await queryRunner.query('DROP TABLE "users"');
      await queryRunner.query('DROP INDEX "ix_team_managers_user"');
      await queryRunner.query('DROP TABLE "team_managers"');
      await queryRunner.query('DROP INDEX "ux_teams_org_name"');
      await queryRunner.query('DROP TABLE "teams"');
      await queryRunner.query('DROP INDEX "ix_refresh_tokens_session"');
      await queryRunner.query('DROP INDEX "ux_refresh_tokens_hash"');
      await queryRunner.query('DROP TABLE "refresh_tokens"');
      await queryRunner.query('DROP INDEX "ix_sessions_org_user"');
      await queryRunner.query('DROP TABLE "sessions"');
      await queryRunner.query('DROP TABLE "organizations"');
      await queryRunner.query('DROP INDEX "ix_login_attempts_email"');
      await queryRunner.query('DROP INDEX "ix_login_attempts_address"');
      await queryRunner.query('DROP INDEX "ix_login_attempts_time"');
      await queryRunner.query('DROP TABLE "login_attempts"');
      await queryRunner.query('DROP INDEX "ix_invitations_org_user"');
      await queryRunner.query('DROP INDEX "ux_invitations_hash"');
      await queryRunner.query('DROP TABLE "invitations"');
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
      await queryRunner.query('DROP INDEX "ix_billing_stored_cards_org"');
      await queryRunner.query('DROP TABLE "billing_stored_cards"');
      await queryRunner.query('DROP TABLE "billing_seat_usage"');
      await queryRunner.query('DROP INDEX "ix_billing_payments_invoice"');
      await queryRunner.query('DROP TABLE "billing_payments"');
      await queryRunner.query('DROP INDEX "ix_billing_licenses_org"');
      await queryRunner.query('DROP TABLE "billing_licenses"');
      await queryRunner.query('DROP INDEX "ux_billing_invoices_number"');
      await queryRunner.query('DROP INDEX "ux_billing_invoices_period"');
      await queryRunner.query('DROP TABLE "billing_invoices"');
      await queryRunner.query('DROP INDEX "ux_billing_contacts_email"');
      await queryRunner.query('DROP TABLE "billing_contacts"');
      await queryRunner.query('DROP TABLE "billing_accounts"');
    } else {
      await queryRunner.query('DROP TABLE `privacy_organization_closures`');
      await queryRunner.query('DROP TABLE `privacy_retention_settings`');
      await queryRunner.query('DROP INDEX `ix_privacy_legal_holds_org` ON `privacy_legal_holds`');
      await queryRunner.query('DROP TABLE `privacy_legal_holds`');
      await queryRunner.query('DROP INDEX `ix_privacy_requests_org_status` ON `privacy_requests`');
      await queryRunner.query('DROP INDEX `ix_privacy_requests_employee` ON `privacy_requests`');
      await queryRunner.query('DROP TABLE `privacy_requests`');
      await queryRunner.query(
        'DROP INDEX `ux_privacy_policy_acceptance` ON `privacy_policy_acceptances`',
      );
      await queryRunner.query(
        'DROP INDEX `ix_privacy_policy_acceptance_org` ON `privacy_policy_acceptances`',
      );
      await queryRunner.query('DROP TABLE `privacy_policy_acceptances`');
      await queryRunner.query(
        'DROP INDEX `ux_privacy_policy_org_version` ON `privacy_policy_versions`',
      );
      await queryRunner.query(
        'DROP INDEX `ix_privacy_policy_org_effective` ON `privacy_policy_versions`',
      );
      await queryRunner.query('DROP TABLE `privacy_policy_versions`');
      await queryRunner.query(
        'DROP INDEX `ux_privacy_notice_ack` ON `privacy_notice_acknowledgements`',
      );
      await queryRunner.query(
        'DROP INDEX `ix_privacy_notice_ack_org_version` ON `privacy_notice_acknowledgements`',
      );
      await queryRunner.query('DROP TABLE `privacy_notice_acknowledgements`');
      await queryRunner.query('DROP INDEX `ux_privacy_notices_org_version` ON `privacy_notices`');
      await queryRunner.query('DROP TABLE `privacy_notices`');
      await queryRunner.query('DROP TABLE `audit_heads`');
      await queryRunner.query('DROP INDEX `ux_audit_entries_org_seq` ON `audit_entries`');
      await queryRunner.query('DROP INDEX `ix_audit_entries_subject` ON `audit_entries`');
      await queryRunner.query('DROP TABLE `audit_entries`');
      await queryRunner.query(
        'DROP INDEX `ix_password_reset_tokens_user` ON `password_reset_tokens`',
      );
      await queryRunner.query(
        'DROP INDEX `ux_password_reset_tokens_hash` ON `password_reset_tokens`',
      );
      await queryRunner.query('DROP TABLE `password_reset_tokens`');
      await queryRunner.query('DROP TABLE `mail_preferences`');
      await queryRunner.query('DROP INDEX `ix_mail_messages_status_created` ON `mail_messages`');
      await queryRunner.query('DROP INDEX `ix_mail_messages_org_user` ON `mail_messages`');
      await queryRunner.query('DROP INDEX `ux_mail_messages_dedupe` ON `mail_messages`');
      await queryRunner.query('DROP TABLE `mail_messages`');
      await queryRunner.query(
        'DROP INDEX `ix_report_subscriptions_org_user` ON `report_subscriptions`',
      );
      await queryRunner.query('DROP TABLE `report_subscriptions`');
      await queryRunner.query(
        'DROP INDEX `ix_report_exports_org_user_created` ON `report_exports`',
      );
      await queryRunner.query('DROP INDEX `ix_report_exports_status_updated` ON `report_exports`');
      await queryRunner.query('DROP INDEX `ix_report_exports_expires` ON `report_exports`');
      await queryRunner.query('DROP TABLE `report_exports`');
      await queryRunner.query('DROP TABLE `activity_rollup_states`');
      await queryRunner.query('DROP TABLE `activity_keysets`');
      await queryRunner.query(
        'DROP INDEX `ix_activity_day_keysets_org_day` ON `activity_day_keysets`',
      );
      await queryRunner.query(
        'DROP INDEX `ix_activity_day_keysets_employee_keyset` ON `activity_day_keysets`',
      );
      await queryRunner.query('DROP TABLE `activity_day_keysets`');
      await queryRunner.query(
        'DROP INDEX `ix_activity_day_totals_org_day` ON `activity_day_totals`',
      );
      await queryRunner.query('DROP TABLE `activity_day_totals`');
      await queryRunner.query('DROP TABLE `productivity_rule_revisions`');
      await queryRunner.query('DROP TABLE `productivity_rule_sets`');
      await queryRunner.query('DROP INDEX `ux_productivity_rules_scope` ON `productivity_rules`');
      await queryRunner.query('DROP TABLE `productivity_rules`');
      await queryRunner.query('DROP INDEX `ix_users_org` ON `users`');
      await queryRunner.query('DROP INDEX `ux_users_email` ON `users`');
      await queryRunner.query('DROP TABLE `users`');
      await queryRunner.query('DROP INDEX `ix_team_managers_user` ON `team_managers`');
      await queryRunner.query('DROP TABLE `team_managers`');
      await queryRunner.query('DROP INDEX `ux_teams_org_name` ON `teams`');
      await queryRunner.query('DROP TABLE `teams`');
      await queryRunner.query('DROP INDEX `ix_refresh_tokens_session` ON `refresh_tokens`');
      await queryRunner.query('DROP INDEX `ux_refresh_tokens_hash` ON `refresh_tokens`');
      await queryRunner.query('DROP TABLE `refresh_tokens`');
      await queryRunner.query('DROP INDEX `ix_sessions_org_user` ON `sessions`');
      await queryRunner.query('DROP TABLE `sessions`');
      await queryRunner.query('DROP TABLE `organizations`');
      await queryRunner.query('DROP INDEX `ix_login_attempts_email` ON `login_attempts`');
      await queryRunner.query('DROP INDEX `ix_login_attempts_address` ON `login_attempts`');
      await queryRunner.query('DROP INDEX `ix_login_attempts_time` ON `login_attempts`');
      await queryRunner.query('DROP TABLE `login_attempts`');
      await queryRunner.query('DROP INDEX `ix_invitations_org_user` ON `invitations`');
      await queryRunner.query('DROP INDEX `ux_invitations_hash` ON `invitations`');
      await queryRunner.query('DROP TABLE `invitations`');
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
      await queryRunner.query('DROP INDEX `ix_billing_stored_cards_org` ON `billing_stored_cards`');
      await queryRunner.query('DROP TABLE `billing_stored_cards`');
      await queryRunner.query('DROP TABLE `billing_seat_usage`');
      await queryRunner.query('DROP INDEX `ix_billing_payments_invoice` ON `billing_payments`');
      await queryRunner.query('DROP TABLE `billing_payments`');
      await queryRunner.query('DROP INDEX `ix_billing_licenses_org` ON `billing_licenses`');
      await queryRunner.query('DROP TABLE `billing_licenses`');
      await queryRunner.query('DROP INDEX `ux_billing_invoices_number` ON `billing_invoices`');
      await queryRunner.query('DROP INDEX `ux_billing_invoices_period` ON `billing_invoices`');
      await queryRunner.query('DROP TABLE `billing_invoices`');
      await queryRunner.query('DROP INDEX `ux_billing_contacts_email` ON `billing_contacts`');
      await queryRunner.query('DROP TABLE `billing_contacts`');
      await queryRunner.query('DROP TABLE `billing_accounts`');
    }
  }
}
