import { Inject, Injectable } from '@nestjs/common';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { logger } from '#src/common/logging/logger.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { OrganizationsRepository } from '../accounts/organizations/organizations.repository.js';
import { addDays, localDayOf } from '../activity/counting/time-zone.js';

/**
 * Once a day per organization: yesterday (in the organization's time zone) is over, its attendance
 * can be read. Runs hourly; the event id is derived from organization and date, so each day is
 * published once however often this runs (and a missed run catches up at the next).
 */
@Injectable()
export class AttendanceReadyProcessor {
  constructor(
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  @JobProcessor('working-time.attendance-ready', { schedule: { everySeconds: 60 * 60 } })
  async run(): Promise<void> {
    await this.publishFor(Date.now());
  }

  async publishFor(nowMs: number): Promise<number> {
    let published = 0;
    for (const organization of await this.organizations.listTimeZones()) {
      const date = addDays(localDayOf(organization.defaultTimeZone, nowMs), -1);
      try {
        await this.events.publish(
          'attendance.daily.ready',
          organization.id,
          { date, reportUrl: `/api/v1/reports/attendance?from=${date}&to=${date}` },
          { dedupeKey: `${organization.id}:${date}` },
        );
        published++;
      } catch (error) {
        logger.error(
          { err: error, organizationId: organization.id },
          'attendance.daily.ready not published',
        );
      }
    }
    return published;
  }
}
