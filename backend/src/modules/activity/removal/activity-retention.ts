import { Inject, Injectable } from '@nestjs/common';
import { type DroppedPartitions, SpanPartitions } from '../partitions/span-partitions.js';
import { ActivityRemovalRepository } from './activity-removal.repository.js';

/** The retention purge of activity: raw spans and daily rollups older than their cutoffs. */
@Injectable()
export class ActivityRetention {
  constructor(
    @Inject(ActivityRemovalRepository) private readonly repo: ActivityRemovalRepository,
    @Inject(SpanPartitions) private readonly partitions: SpanPartitions,
  ) {}

  /**
   * Drops the months of spans (MySQL/MariaDB partitions) that end before the instant, for every
   * organization at once: the caller passes the earliest cutoff of all organizations. Nothing on
   * SQLite, where deleteSpansBefore deletes rows.
   */
  dropSpanMonthsBefore(cutoffMs: number): Promise<DroppedPartitions> {
    return this.partitions.dropBefore(cutoffMs);
  }

  /** Deletes the organization's spans that started before the instant; returns how many. */
  deleteSpansBefore(organizationId: string, cutoffMs: number): Promise<number> {
    return this.repo.deleteSpansBefore(organizationId, cutoffMs);
  }

  /** Deletes the organization's day totals and per-keyset days before the day; returns how many rows. */
  deleteDaysBefore(organizationId: string, day: string): Promise<number> {
    return this.repo.deleteDaysBefore(organizationId, day);
  }
}
