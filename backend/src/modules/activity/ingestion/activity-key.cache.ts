import { Injectable } from '@nestjs/common';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';

const MAX_ENTRIES = 200_000;
// Erasure may delete keys no span uses any more and calls invalidate() here; another api replica
// learns of it only when its copy expires, so no stale id lives longer than this.
const TTL_MS = 5 * 60_000;

interface OrganizationKeys {
  loadedAt: number;
  ids: Map<string, string>;
}

/** Ids of normalized app and site names per organization. */
@Injectable()
export class ActivityKeyCache {
  private readonly byOrganization = new Map<string, OrganizationKeys>();
  private size = 0;

  static slot(kind: ActivityKeyKind, normalized: string): string {
    return `${kind}\u0000${normalized}`;
  }

  get(organizationId: string, slot: string, nowMs = Date.now()): string | undefined {
    const keys = this.byOrganization.get(organizationId);
    if (!keys) return undefined;
    if (nowMs - keys.loadedAt > TTL_MS) {
      this.invalidate(organizationId);
      return undefined;
    }
    return keys.ids.get(slot);
  }

  set(organizationId: string, slot: string, id: string, nowMs = Date.now()): void {
    if (this.size >= MAX_ENTRIES) this.clear();
    let keys = this.byOrganization.get(organizationId);
    if (!keys) {
      keys = { loadedAt: nowMs, ids: new Map() };
      this.byOrganization.set(organizationId, keys);
    }
    if (!keys.ids.has(slot)) this.size++;
    keys.ids.set(slot, id);
  }

  invalidate(organizationId: string): void {
    this.size -= this.byOrganization.get(organizationId)?.ids.size ?? 0;
    this.byOrganization.delete(organizationId);
  }

  clear(): void {
    this.byOrganization.clear();
    this.size = 0;
  }
}
