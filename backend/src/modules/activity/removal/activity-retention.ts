import { Inject, Injectable } from '@nestjs/common';
import { ActivityRemovalRepository } from './activity-removal.repository.js';

/** The retention purge of activity: raw spans and daily rollups older than their cutoffs. */
@Injectable()
export class ActivityRetention {
  constructor(
    @Inject(ActivityRemovalRepository) private readonly repo: ActivityRemovalRepository,
  ) {}

  /** Deletes the organization's spans that started before the instant; returns how many. */
  deleteSpansBefore(organizationId: string, cutoffMs: number): Promise<number> {
    return this.repo.deleteSpansBefore(organizationId, cutoffMs);
  }

  /** Deletes the organization's day totals and per-keyset days before the day; returns how many rows. */
  deleteDaysBefore(organizationId: string, day: string): Promise<number> {
    return this.repo.deleteDaysBefore(organizationId, day);
  }
}
