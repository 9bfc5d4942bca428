import { Injectable } from '@nestjs/common';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';

const MAX_ENTRIES = 200_000;

/**
 * Ids of normalized app and site names per organization. Keys are never changed and only deleted
 * by erasure, which calls invalidate(); a stale id could otherwise only come from that.
 */
@Injectable()
export class ActivityKeyCache {
  private readonly byOrganization = new Map<string, Map<string, string>>();
  private size = 0;

  static slot(kind: ActivityKeyKind, normalized: string): string {
    return `${kind}\u0000${normalized}`;
  }

  get(organizationId: string, slot: string): string | undefined {
    return this.byOrganization.get(organizationId)?.get(slot);
  }

  set(organizationId: string, slot: string, id: string): void {
    if (this.size >= MAX_ENTRIES) this.clear();
    let keys = this.byOrganization.get(organizationId);
    if (!keys) {
      keys = new Map();
      this.byOrganization.set(organizationId, keys);
    }
    if (!keys.has(slot)) this.size++;
    keys.set(slot, id);
  }

  invalidate(organizationId: string): void {
    this.size -= this.byOrganization.get(organizationId)?.size ?? 0;
    this.byOrganization.delete(organizationId);
  }

  clear(): void {
    this.byOrganization.clear();
    this.size = 0;
  }
}
