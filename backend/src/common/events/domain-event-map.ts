/**
 * Every domain event and its data. Data carries ids and non-personal facts only: deliveries are
 * stored (webhooks) and an erasure must leave no name or email behind; receivers read details
 * through the API with a token of their own.
 */
export interface DomainEventMap {
  'employee.created': { employeeId: string; teamId: string | null; timeZone: string };
  'employee.deactivated': { employeeId: string };
  'device.enrolled': { deviceId: string; employeeId: string; os: string; agentVersion: string };
  /** The agent reported a new hostname (not offered to webhooks; the audit log records it). */
  'device.renamed': { deviceId: string; employeeId: string };
  'absence.approved': {
    absenceId: string;
    employeeId: string;
    kind: string;
    from: string;
    to: string;
  };
  'timesheet.approved': {
    timesheetId: string;
    employeeId: string;
    from: string;
    to: string;
    approvedByUserId: string | null;
  };
  'export.ready': { exportId: string; downloadUrl: string };
  'privacy.request.completed': {
    requestId: string;
    type: 'access' | 'erasure' | 'rectification';
    employeeId: string;
  };
  /** Yesterday's attendance of the organization (in its default time zone) is final enough to read. */
  'attendance.daily.ready': { date: string; reportUrl: string };
  /** Sent only by "send test event"; never published by a flow. */
  'webhook.test': { message: string };
}

export type DomainEventName = keyof DomainEventMap;

/** The names a webhook may subscribe to (the test event goes to one subscription on request). */
export const DOMAIN_EVENT_NAMES = [
  'employee.created',
  'employee.deactivated',
  'device.enrolled',
  'absence.approved',
  'timesheet.approved',
  'export.ready',
  'privacy.request.completed',
  'attendance.daily.ready',
] as const satisfies readonly DomainEventName[];
export type SubscribableEventName = (typeof DOMAIN_EVENT_NAMES)[number];

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  /** UUID; the same for every subscriber. Deterministic when the publisher gave a dedupe key. */
  id: string;
  name: N;
  organizationId: string;
  occurredAt: Date;
  data: DomainEventMap[N];
}

export type AnyDomainEvent = { [N in DomainEventName]: DomainEvent<N> }[DomainEventName];
