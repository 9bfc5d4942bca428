import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OidcAndMfaPolicy1796317173764 implements MigrationInterface {
  name = 'OidcAndMfaPolicy1796317173764';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        'CREATE TABLE "oidc_providers" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "displayName" varchar(100) NOT NULL, "issuer" varchar(500) NOT NULL, "clientId" varchar(255) NOT NULL, "clientSecret" text, "scopes" varchar(255) NOT NULL, "settings" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "updatedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "oidc_identities" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "issuer" varchar(500) NOT NULL, "subject" varchar(255) NOT NULL, "createdAt" datetime NOT NULL, "lastSignInAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_oidc_identities_user" ON "oidc_identities" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_oidc_identities_subject" ON "oidc_identities" ("issuer", "subject") ',
      );
      await queryRunner.query(
        'CREATE TABLE "oidc_login_states" ("stateHash" varchar(64) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "nonce" varchar(128) NOT NULL, "codeVerifier" varchar(128) NOT NULL, "browserHash" varchar(64) NOT NULL, "returnTo" varchar(500), "expiresAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_oidc_login_states_expiry" ON "oidc_login_states" ("expiresAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "oidc_sessions" ("sessionId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "idToken" text NOT NULL, "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_oidc_sessions_org" ON "oidc_sessions" ("organizationId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "mfa_policies" ("organizationId" varchar(36) PRIMARY KEY NOT NULL, "requiredRoles" varchar(255) NOT NULL, "updatedAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE TABLE "mfa_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_mfa_recovery_codes_hash" ON "mfa_recovery_codes" ("codeHash") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_mfa_recovery_codes_user" ON "mfa_recovery_codes" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "webauthn_credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "credentialId" varchar(255) NOT NULL, "publicKey" text NOT NULL, "counter" bigint NOT NULL, "transports" varchar(255) NOT NULL DEFAULT (\'[]\'), "name" varchar(100) NOT NULL, "createdAt" datetime NOT NULL, "lastUsedAt" datetime)',
      );
      await queryRunner.query(
        'CREATE UNIQUE INDEX "ux_webauthn_credentials_credential" ON "webauthn_credentials" ("credentialId") ',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webauthn_credentials_user" ON "webauthn_credentials" ("organizationId", "userId") ',
      );
      await queryRunner.query(
        'CREATE TABLE "webauthn_challenges" ("id" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "purpose" varchar(16) NOT NULL, "challenge" varchar(128) NOT NULL, "expiresAt" datetime NOT NULL)',
      );
      await queryRunner.query(
        'CREATE INDEX "ix_webauthn_challenges_expiry" ON "webauthn_challenges" ("expiresAt") ',
      );
      await queryRunner.query(
        'CREATE TABLE "session_factors" ("sessionId" varchar(36) PRIMARY KEY NOT NULL, "organizationId" varchar(36) NOT NULL, "method" varchar(16) NOT NULL, "verifiedAt" datetime NOT NULL)',
      );
    } else {
      await queryRunner.query(
        'CREATE TABLE `oidc_providers` (`organizationId` varchar(36) NOT NULL, `displayName` varchar(100) NOT NULL, `issuer` varchar(500) NOT NULL, `clientId` varchar(255) NOT NULL, `clientSecret` text NULL, `scopes` varchar(255) NOT NULL, `settings` text NOT NULL, `enabled` tinyint NOT NULL DEFAULT 1, `updatedAt` datetime NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `oidc_identities` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `issuer` varchar(500) NOT NULL, `subject` varchar(255) NOT NULL, `createdAt` datetime NOT NULL, `lastSignInAt` datetime NOT NULL, INDEX `ix_oidc_identities_user` (`organizationId`, `userId`), UNIQUE INDEX `ux_oidc_identities_subject` (`issuer`, `subject`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `oidc_login_states` (`stateHash` varchar(64) NOT NULL, `organizationId` varchar(36) NOT NULL, `nonce` varchar(128) NOT NULL, `codeVerifier` varchar(128) NOT NULL, `browserHash` varchar(64) NOT NULL, `returnTo` varchar(500) NULL, `expiresAt` datetime NOT NULL, INDEX `ix_oidc_login_states_expiry` (`expiresAt`), PRIMARY KEY (`stateHash`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `oidc_sessions` (`sessionId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `idToken` text NOT NULL, `createdAt` datetime NOT NULL, INDEX `ix_oidc_sessions_org` (`organizationId`), PRIMARY KEY (`sessionId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `mfa_policies` (`organizationId` varchar(36) NOT NULL, `requiredRoles` varchar(255) NOT NULL, `updatedAt` datetime NOT NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `mfa_recovery_codes` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `codeHash` varchar(64) NOT NULL, `usedAt` datetime NULL, `createdAt` datetime NOT NULL, UNIQUE INDEX `ux_mfa_recovery_codes_hash` (`codeHash`), INDEX `ix_mfa_recovery_codes_user` (`organizationId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        "CREATE TABLE `webauthn_credentials` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `credentialId` varchar(255) NOT NULL, `publicKey` text NOT NULL, `counter` bigint NOT NULL, `transports` varchar(255) NOT NULL DEFAULT '[]', `name` varchar(100) NOT NULL, `createdAt` datetime NOT NULL, `lastUsedAt` datetime NULL, UNIQUE INDEX `ux_webauthn_credentials_credential` (`credentialId`), INDEX `ix_webauthn_credentials_user` (`organizationId`, `userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
      );
      await queryRunner.query(
        'CREATE TABLE `webauthn_challenges` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `purpose` varchar(16) NOT NULL, `challenge` varchar(128) NOT NULL, `expiresAt` datetime NOT NULL, INDEX `ix_webauthn_challenges_expiry` (`expiresAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
      );
      await queryRunner.query(
        'CREATE TABLE `session_factors` (`sessionId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `method` varchar(16) NOT NULL, `verifiedAt` datetime NOT NULL, PRIMARY KEY (`sessionId`)) ENGINE=InnoDB',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('DROP TABLE "session_factors"');
      await queryRunner.query('DROP INDEX "ix_webauthn_challenges_expiry"');
      await queryRunner.query('DROP TABLE "webauthn_challenges"');
      await queryRunner.query('DROP INDEX "ix_webauthn_credentials_user"');
      await queryRunner.query('DROP INDEX "ux_webauthn_credentials_credential"');
      await queryRunner.query('DROP TABLE "webauthn_credentials"');
      await queryRunner.query('DROP INDEX "ix_mfa_recovery_codes_user"');
      await queryRunner.query('DROP INDEX "ux_mfa_recovery_codes_hash"');
      await queryRunner.query('DROP TABLE "mfa_recovery_codes"');
      await queryRunner.query('DROP TABLE "mfa_policies"');
      await queryRunner.query('DROP INDEX "ix_oidc_sessions_org"');
      await queryRunner.query('DROP TABLE "oidc_sessions"');
      await queryRunner.query('DROP INDEX "ix_oidc_login_states_expiry"');
      await queryRunner.query('DROP TABLE "oidc_login_states"');
      await queryRunner.query('DROP INDEX "ux_oidc_identities_subject"');
      await queryRunner.query('DROP INDEX "ix_oidc_identities_user"');
      await queryRunner.query('DROP TABLE "oidc_identities"');
      await queryRunner.query('DROP TABLE "oidc_providers"');
    } else {
      await queryRunner.query('DROP TABLE `session_factors`');
      await queryRunner.query(
        'DROP INDEX `ix_webauthn_challenges_expiry` ON `webauthn_challenges`',
      );
      await queryRunner.query('DROP TABLE `webauthn_challenges`');
      await queryRunner.query(
        'DROP INDEX `ix_webauthn_credentials_user` ON `webauthn_credentials`',
      );
      await queryRunner.query(
        'DROP INDEX `ux_webauthn_credentials_credential` ON `webauthn_credentials`',
      );
      await queryRunner.query('DROP TABLE `webauthn_credentials`');
      await queryRunner.query('DROP INDEX `ix_mfa_recovery_codes_user` ON `mfa_recovery_codes`');
      await queryRunner.query('DROP INDEX `ux_mfa_recovery_codes_hash` ON `mfa_recovery_codes`');
      await queryRunner.query('DROP TABLE `mfa_recovery_codes`');
      await queryRunner.query('DROP TABLE `mfa_policies`');
      await queryRunner.query('DROP INDEX `ix_oidc_sessions_org` ON `oidc_sessions`');
      await queryRunner.query('DROP TABLE `oidc_sessions`');
      await queryRunner.query('DROP INDEX `ix_oidc_login_states_expiry` ON `oidc_login_states`');
      await queryRunner.query('DROP TABLE `oidc_login_states`');
      await queryRunner.query('DROP INDEX `ux_oidc_identities_subject` ON `oidc_identities`');
      await queryRunner.query('DROP INDEX `ix_oidc_identities_user` ON `oidc_identities`');
      await queryRunner.query('DROP TABLE `oidc_identities`');
      await queryRunner.query('DROP TABLE `oidc_providers`');
    }
  }
}
