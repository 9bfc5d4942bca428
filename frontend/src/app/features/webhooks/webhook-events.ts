import type { TranslationKey } from '@app/core/i18n/i18n.service';

/** The events a webhook can subscribe to, in the order the console lists them. */
export const WEBHOOK_EVENTS = [
  'employee.created',
  'employee.deactivated',
  'device.enrolled',
  'absence.approved',
  'timesheet.approved',
  'export.ready',
  'privacy.request.completed',
  'attendance.daily.ready',
] as const;

const NAMES: Record<string, TranslationKey> = {
  'employee.created': 'webhooks.eventNames.employeeCreated',
  'employee.deactivated': 'webhooks.eventNames.employeeDeactivated',
  'device.enrolled': 'webhooks.eventNames.deviceEnrolled',
  'absence.approved': 'webhooks.eventNames.absenceApproved',
  'timesheet.approved': 'webhooks.eventNames.timesheetApproved',
  'export.ready': 'webhooks.eventNames.exportReady',
  'privacy.request.completed': 'webhooks.eventNames.privacyRequestCompleted',
  'attendance.daily.ready': 'webhooks.eventNames.attendanceDailyReady',
  'webhook.test': 'webhooks.eventNames.webhookTest',
};

/** The label key of an event; null for a name this console does not know yet (shown as is). */
export function eventLabel(name: string): TranslationKey | null {
  return NAMES[name] ?? null;
}

export const STATUS_LABELS: Record<string, TranslationKey> = {
  pending: 'webhooks.statusPending',
  succeeded: 'webhooks.statusSucceeded',
  failed: 'webhooks.statusFailed',
};

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookWithSecret extends WebhookView {
  secret: string;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
}
