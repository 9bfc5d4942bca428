import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { AnyDomainEvent } from '#src/common/events/domain-event-map.js';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { requestContext } from '#src/common/logging/logger.js';
import { AuditService, type AuditRecord } from './audit.service.js';

/** Domain events that are audit entries: what a device does, where no user acts. */
function describe(event: AnyDomainEvent): Omit<AuditRecord, 'organizationId'> | null {
  switch (event.name) {
    case 'device.enrolled':
      return {
        action: 'device.enrolled',
        targetType: 'device',
        targetId: event.data.deviceId,
        subjectEmployeeId: event.data.employeeId,
        details: { os: event.data.os, agentVersion: event.data.agentVersion },
      };
    case 'device.renamed':
      return {
        action: 'device.renamed',
        targetType: 'device',
        targetId: event.data.deviceId,
        subjectEmployeeId: event.data.employeeId,
      };
    // Recorded where they happen (the services and the audit interceptor), or no one's action.
    case 'employee.created':
    case 'employee.deactivated':
    case 'absence.approved':
    case 'timesheet.approved':
    case 'export.ready':
    case 'privacy.request.completed':
    case 'attendance.daily.ready':
    case 'webhook.test':
      return null;
  }
}

/**
 * Records them once the publisher's transaction commits: the chain is appended in a transaction of
 * its own (one connection on SQLite), and a rolled-back change leaves no entry.
 */
@Injectable()
export class AuditDomainEvents implements OnModuleInit {
  constructor(
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((event, tx) => {
      const described = describe(event);
      if (described) {
        // Taken now: the work after the commit may run outside the request's context.
        const clientAddress = requestContext.getStore()?.clientAddress ?? null;
        this.events.afterCommit(tx, () =>
          this.audit.recordQuietly({
            ...described,
            organizationId: event.organizationId,
            clientAddress,
          }),
        );
      }
      return Promise.resolve();
    });
  }
}
