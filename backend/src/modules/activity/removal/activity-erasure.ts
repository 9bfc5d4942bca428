import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityKeyCache } from '../ingestion/activity-key.cache.js';
import { ActivityRemovalRepository } from './activity-removal.repository.js';

/**
 * Columns of the activity tables that hold other people's activity too: a title or URL seen there
 * may be someone else's, so erasure verification searches them for personal identifiers only.
 */
export const SHARED_ACTIVITY_COLUMNS: ReadonlySet<string> = new Set([
  'activity_spans.title',
  'activity_spans.url',
  'activity_spans.app',
  'activity_keys.name',
  'activity_keys.normalized',
]);

/** How an erasure's `deleted` counts name the keys it renamed (a table name and a note). */
export const RENAMED_KEYS = 'activity_keys (renamed)';

/**
 * A person's erasure as far as activity goes. Their rows themselves go with every other row keyed
 * by their employee id (privacy deletes those generically); what is left here is what only
 * activity knows: which titles and URLs were theirs, and the app and site keys only they used.
 */
@Injectable()
export class ActivityErasure {
  constructor(
    @Inject(ActivityRemovalRepository) private readonly repo: ActivityRemovalRepository,
    @Inject(ActivityKeyCache) private readonly keys: ActivityKeyCache,
  ) {}

  /** The window titles, then the URLs, of the employee's spans (distinct, none null). */
  async contentOf(employeeId: string): Promise<string[]> {
    return [
      ...(await this.repo.spanTexts(employeeId, 'title')),
      ...(await this.repo.spanTexts(employeeId, 'url')),
    ];
  }

  /** Those of the texts that some span (someone else's, after the erasure) still has. */
  recordedTexts(texts: string[]): Promise<Set<string>> {
    return this.repo.recordedTexts(texts);
  }

  /** The app and site keys of the employee's spans: read them before the spans go. */
  keyIdsOf(employeeId: string): Promise<string[]> {
    return this.repo.keyIdsOf(employeeId);
  }

  /**
   * Within the erasure's transaction, after the person's spans are deleted: keys only they used
   * would still spell their sites and apps, so they are renamed `erased-<id>`. Returns how many.
   */
  renameUnusedKeys(tx: EntityManager, organizationId: string, keyIds: string[]): Promise<number> {
    return this.repo.renameUnusedKeys(tx, organizationId, keyIds);
  }

  /** After the erasure committed: renamed keys must not be served from ingestion's cache (in this process; others expire theirs). */
  forgetKeys(organizationId: string): void {
    this.keys.invalidate(organizationId);
  }
}
