import type { AppConfig } from '../config/app-config.js';

export const QUEUE_NAMES = [
  'exports',
  'privacy',
  'mail',
  'maintenance',
  'webhooks',
  'rollups',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Housekeeping of the whole installation: belongs to no organization, so no admin view lists it. */
export interface SystemPayload {
  organizationId: null;
}

/**
 * Every job name and its payload. Payloads carry ids, never entities (the state that matters is in
 * the database), and always the organization, so admin views stay scoped to one organization.
 */
export interface JobPayloads {
  'export.run': { organizationId: string; exportId: string };
  'exports.purge-expired': SystemPayload;
  'scheduled-reports.dispatch': SystemPayload;
  'mail.send': { organizationId: string; messageId: string };
  'maintenance.sweep': SystemPayload;
  'privacy.process': { organizationId: string; requestId: string };
  'privacy.reminders': SystemPayload;
  'privacy.retention': SystemPayload;
  'privacy.compact': SystemPayload;
  'billing.meter-seats': SystemPayload;
  'billing.issue-invoices': SystemPayload;
  /** One attempt; `attempt` is the delivery's attempts before it, so a stale duplicate job claims nothing. */
  'webhook.deliver': { organizationId: string; deliveryId: string; attempt: number };
  'working-time.attendance-ready': SystemPayload;
  'directory.sync': { organizationId: string; runId: string };
  'directory.schedule': SystemPayload;
  'demo.load': { organizationId: string };
  'demo.remove': { organizationId: string };
  'activity.partitions': SystemPayload;
  /** Recomputes the rollups of every employee with dirty days; queued coalesced (one waits, one runs). */
  'activity.recompute-rollups': SystemPayload;
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type JobItem = { [N in JobName]: JobOf<N> }[JobName];

export interface JobDefinition {
  queue: QueueName;
  /** Runs before the job is kept as failed. */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
}

export const JOBS: { readonly [N in JobName]: JobDefinition } = {
  'export.run': { queue: 'exports', attempts: 5, backoffMs: 5_000 },
  'exports.purge-expired': { queue: 'maintenance', attempts: 3, backoffMs: 60_000 },
  'scheduled-reports.dispatch': { queue: 'maintenance', attempts: 3, backoffMs: 60_000 },
  'mail.send': { queue: 'mail', attempts: 8, backoffMs: 10_000 },
  'maintenance.sweep': { queue: 'maintenance', attempts: 1, backoffMs: 1_000 },
  'privacy.process': { queue: 'privacy', attempts: 5, backoffMs: 30_000 },
  'privacy.reminders': { queue: 'privacy', attempts: 1, backoffMs: 60_000 },
  'privacy.retention': { queue: 'privacy', attempts: 2, backoffMs: 600_000 },
  'privacy.compact': { queue: 'privacy', attempts: 3, backoffMs: 300_000 },
  'billing.meter-seats': { queue: 'maintenance', attempts: 3, backoffMs: 60_000 },
  'billing.issue-invoices': { queue: 'maintenance', attempts: 5, backoffMs: 300_000 },
  // Retries are the delivery row's (backoff for a day, kept in the database), not the queue's.
  'webhook.deliver': { queue: 'webhooks', attempts: 1, backoffMs: 1_000 },
  'working-time.attendance-ready': { queue: 'maintenance', attempts: 3, backoffMs: 60_000 },
  'directory.sync': { queue: 'maintenance', attempts: 3, backoffMs: 30_000 },
  'directory.schedule': { queue: 'maintenance', attempts: 1, backoffMs: 60_000 },
  // One attempt: a failed load is left for the admin to remove (it says so), not retried half-way.
  'demo.load': { queue: 'maintenance', attempts: 1, backoffMs: 60_000 },
  'demo.remove': { queue: 'maintenance', attempts: 3, backoffMs: 30_000 },
  // Months ahead are created days before they are needed: a busy table only delays it.
  'activity.partitions': { queue: 'maintenance', attempts: 5, backoffMs: 60_000 },
  // A queue of its own: a long pass after a bulk load never delays exports or mail. Few attempts:
  // the next ingestion or the sweeper's safety pass queues another one anyway.
  'activity.recompute-rollups': { queue: 'rollups', attempts: 3, backoffMs: 5_000 },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** How often a scheduled job runs; a function when it depends on configuration. */
export type JobSchedule = { everySeconds: number | ((config: AppConfig) => number) };

export function scheduleSeconds(schedule: JobSchedule, config: AppConfig): number {
  const every = schedule.everySeconds;
  return typeof every === 'function' ? every(config) : every;
}

/** Exponential: backoffMs, 2 x backoffMs, 4 x backoffMs, ... */
export function backoffDelay(backoffMs: number, attemptsMade: number): number {
  return backoffMs * 2 ** Math.max(0, attemptsMade - 1);
}
