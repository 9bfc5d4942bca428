import { BILLING_ENTITIES } from '../modules/billing/entities/index.js';
import { DemoDatasetEntity } from '../modules/demo/demo-dataset.entity.js';
import { ReplicationHeartbeatEntity } from './replicas/replication-heartbeat.entity.js';
import { PayrollMappingEntity } from '../modules/exports/entities/payroll-mapping.entity.js';
import { PROJECTS_ENTITIES } from '../modules/projects/entities/index.js';
import { PERIOD_LOCK_ENTITIES } from '../modules/period-locks/entities/index.js';
import { SSO_ENTITIES } from '../modules/sso/entities/index.js';
import {
  MfaPolicyEntity,
  RecoveryCodeEntity,
  SessionFactorEntity,
  WebauthnChallengeEntity,
  WebauthnCredentialEntity,
} from '../modules/accounts/entities/mfa.entities.js';
import { WEBHOOK_ENTITIES } from '../modules/webhooks/entities/index.js';
import { SCREENSHOT_ENTITIES } from '../modules/screenshots/entities/index.js';
import { ActivityDirtyDayEntity } from '../modules/activity/entities/activity-dirty-day.entity.js';
import { ActivityKeyEntity } from '../modules/activity/entities/activity-key.entity.js';
import {
  ActivitySpanEntity,
  PARTITIONED_SPAN_SCHEMA,
} from '../modules/activity/entities/activity-span.entity.js';
import { ActivityIngestLockEntity } from '../modules/activity/entities/activity-ingest-lock.entity.js';
import { ActivitySpanMoveEntity } from '../modules/activity/entities/activity-span-move.entity.js';
import { OrganizationSettingsEntity } from '../modules/agent/data-collection/organization-settings.entity.js';
import { DeviceInventoryEntity } from '../modules/agent/entities/device-inventory.entity.js';
import { DeviceEntity } from '../modules/agent/entities/device.entity.js';
import { EnrollmentTokenEntity } from '../modules/agent/entities/enrollment-token.entity.js';
import { EmployeeEntity } from '../modules/accounts/entities/employee.entity.js';
import { InvitationEntity } from '../modules/accounts/entities/invitation.entity.js';
import { LoginAttemptEntity } from '../modules/accounts/entities/login-attempt.entity.js';
import { OrganizationEntity } from '../modules/accounts/entities/organization.entity.js';
import { SignInLinkEntity } from '../modules/accounts/entities/sign-in-link.entity.js';
import { RefreshTokenEntity, SessionEntity } from '../modules/accounts/entities/session.entity.js';
import { TeamEntity, TeamManagerEntity } from '../modules/accounts/entities/team.entity.js';
import { UserEntity } from '../modules/accounts/entities/user.entity.js';
import {
  ProductivityRuleEntity,
  ProductivityRuleRevisionEntity,
  ProductivityRuleSetEntity,
} from '../modules/activity/rules/productivity-rule.entity.js';
import {
  ActivityDayKeysetEntity,
  ActivityDayTotalEntity,
  ActivityKeysetEntity,
  ActivityRollupStateEntity,
} from '../modules/activity/rollups/rollup.entities.js';
import { ReportExportEntity } from '../modules/exports/entities/report-export.entity.js';
import { ReportSubscriptionEntity } from '../modules/exports/entities/report-subscription.entity.js';
import { MailMessageEntity } from '../modules/notifications/entities/mail-message.entity.js';
import { MailPreferenceEntity } from '../modules/notifications/entities/mail-preference.entity.js';
import { OrganizationMailSettingsEntity } from '../modules/notifications/mail-settings/mail-settings.entity.js';
import { PasswordResetTokenEntity } from '../modules/accounts/entities/password-reset-token.entity.js';

import { AuditEntryEntity, AuditHeadEntity } from '../modules/audit/audit-entry.entity.js';
import {
  MonitoringNoticeEntity,
  NoticeAcknowledgementEntity,
} from '../modules/privacy/entities/notice.entity.js';
import {
  PolicyAcceptanceEntity,
  PolicyVersionEntity,
} from '../modules/privacy/entities/policy.entity.js';
import {
  LegalHoldEntity,
  PrivacyRequestEntity,
} from '../modules/privacy/entities/privacy-request.entity.js';
import { RetentionSettingsEntity } from '../modules/privacy/entities/retention.entity.js';
import { OrganizationClosureEntity } from '../modules/accounts/entities/organization-closure.entity.js';
import { AbsenceEntity } from '../modules/working-time/entities/absence.entity.js';
import { HolidayEntity } from '../modules/working-time/entities/holiday.entity.js';
import {
  VacationAllowanceEntity,
  VacationPolicyEntity,
} from '../modules/working-time/entities/vacation-policy.entity.js';
import {
  DirectoryConfigEntity,
  DirectoryLinkEntity,
  DirectorySyncRunEntity,
} from '../modules/directory/entities/index.js';
import { WorkScheduleEntity } from '../modules/working-time/entities/work-schedule.entity.js';
import { ScimResourceEntity } from '../modules/scim/entities/scim-resource.entity.js';

import { ApiTokenEntity } from '../modules/api-tokens/entities/api-token.entity.js';
import {
  TimeEntryEntity,
  TimesheetEntity,
  TimesheetSettingsEntity,
} from '../modules/timesheets/entities/index.js';

// Every entity of the schema; the migration generator and the drift gate read this list.
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  TeamEntity,
  TeamManagerEntity,
  EmployeeEntity,
  SessionEntity,
  RefreshTokenEntity,
  LoginAttemptEntity,
  SignInLinkEntity,
  InvitationEntity,
  EnrollmentTokenEntity,
  DeviceEntity,
  DeviceInventoryEntity,
  ActivitySpanEntity,
  ActivityKeyEntity,
  ActivityDirtyDayEntity,
  OrganizationSettingsEntity,
  MailMessageEntity,
  ReportExportEntity,
  ReportSubscriptionEntity,
  MailPreferenceEntity,
  OrganizationMailSettingsEntity,
  PasswordResetTokenEntity,
  ProductivityRuleEntity,
  ProductivityRuleSetEntity,
  ProductivityRuleRevisionEntity,
  ActivityDayTotalEntity,
  ActivityDayKeysetEntity,
  ActivityKeysetEntity,
  ActivityRollupStateEntity,
  PrivacyRequestEntity,
  LegalHoldEntity,
  MonitoringNoticeEntity,
  NoticeAcknowledgementEntity,
  PolicyVersionEntity,
  PolicyAcceptanceEntity,
  RetentionSettingsEntity,
  OrganizationClosureEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  ...BILLING_ENTITIES,
  ...PERIOD_LOCK_ENTITIES,
  PayrollMappingEntity,
  ...WEBHOOK_ENTITIES,
  ...SCREENSHOT_ENTITIES,
  WorkScheduleEntity,
  HolidayEntity,
  AbsenceEntity,
  VacationPolicyEntity,
  VacationAllowanceEntity,
  ApiTokenEntity,
  ScimResourceEntity,
  MfaPolicyEntity,
  RecoveryCodeEntity,
  WebauthnCredentialEntity,
  WebauthnChallengeEntity,
  SessionFactorEntity,
  ...SSO_ENTITIES,
  TimeEntryEntity,
  TimesheetEntity,
  TimesheetSettingsEntity,
  ...PROJECTS_ENTITIES,
  DirectoryConfigEntity,
  DirectoryLinkEntity,
  DirectorySyncRunEntity,
  DemoDatasetEntity,
  ReplicationHeartbeatEntity,
];

/**
 * The entities of one dialect. MySQL/MariaDB partitions the span table by month, which puts startMs
 * in its primary key, and keeps the two small tables that make ingestion idempotent without a
 * unique (deviceId, eventId) key.
 */
export function entitiesFor(type: 'mysql' | 'sqlite') {
  if (type === 'sqlite') return ENTITIES;
  return [
    ...ENTITIES.filter((e) => e !== ActivitySpanEntity),
    PARTITIONED_SPAN_SCHEMA,
    ActivitySpanMoveEntity,
    ActivityIngestLockEntity,
  ];
}
