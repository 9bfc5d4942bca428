import { Inject, Injectable } from '@nestjs/common';
import { PayloadTooLargeError, ValidationFailedError } from '#src/common/errors/domain-error.js';
import type { DeviceSession } from '#src/modules/agent/devices.repository.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';
import { RollupPasses } from '../rollups/rollup-passes.js';
import { ActivityKeyCache } from './activity-key.cache.js';
import type { IngestResultDto, RejectedEventDto } from './dto/ingest-events.dto.js';
import { checkEvent, MAX_EVENTS_PER_BATCH, type CheckedEvent } from './event-validation.js';
import { IngestionPolicies } from './ingestion-policies.js';
import { IngestionRepository, type KeyRequest, type SpanRow } from './ingestion.repository.js';

/** The batch envelope: `{ events: [...] }` and nothing else. */
function eventsOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError([{ path: '', message: 'body must be an object with events' }]);
  }
  const unknown = Object.keys(body).filter((k) => k !== 'events');
  const events = (body as { events?: unknown }).events;
  const errors = unknown.map((k) => ({ path: k, message: `unknown field "${k}"` }));
  if (!Array.isArray(events)) errors.push({ path: 'events', message: 'events must be an array' });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  const list = events as unknown[];
  if (list.length > MAX_EVENTS_PER_BATCH) {
    throw new PayloadTooLargeError(
      `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${list.length}.`,
    );
  }
  return list;
}

function keyOf(
  e: CheckedEvent,
): { kind: ActivityKeyKind; normalized: string; name: string } | null {
  if (e.kind !== 'active' || e.retracted) return null;
  if (e.host) return { kind: 'site', normalized: e.host, name: e.host };
  if (e.app) return { kind: 'app', normalized: e.app.toLowerCase(), name: e.app };
  return null;
}

@Injectable()
export class IngestionService {
  constructor(
    @Inject(IngestionRepository) private readonly repository: IngestionRepository,
    @Inject(ActivityKeyCache) private readonly keys: ActivityKeyCache,
    @Inject(IngestionPolicies) private readonly policies: IngestionPolicies,
    @Inject(RollupPasses) private readonly rollupPasses: RollupPasses,
  ) {}

  async ingest(device: DeviceSession, body: unknown, nowMs = Date.now()): Promise<IngestResultDto> {
    await this.policies.assertMayIngest(device);
    const events = eventsOf(body);
    const rejected: RejectedEventDto[] = [];
    const valid: CheckedEvent[] = [];
    let truncated = 0;
    let sanitized = 0;
    for (let index = 0; index < events.length; index++) {
      const result = checkEvent(events[index], nowMs, device);
      if (!result.ok) {
        rejected.push({ index, reason: result.reason });
        continue;
      }
      valid.push(result.event);
      if (result.event.truncated) truncated++;
      if (result.event.sanitized) sanitized++;
    }
    const keyIds = await this.resolveKeys(device.organizationId, valid);
    const rows: SpanRow[] = valid.map((e, i) =>
      e.retracted
        ? // A tombstone: no time, no name; an older revision arriving late stays a duplicate.
          {
            eventId: e.eventId,
            kind: 'idle',
            startMs: e.startMs,
            endMs: e.startMs,
            keyId: null,
            app: null,
            title: null,
            url: null,
            rev: e.rev,
          }
        : {
            eventId: e.eventId,
            kind: e.kind,
            startMs: e.startMs,
            endMs: e.endMs,
            keyId: keyIds[i] ?? null,
            app: e.app,
            title: e.title,
            url: e.url,
            rev: e.rev,
          },
    );
    const { inserted, revised } = await this.repository.insertSpans(device, rows);
    const accepted = inserted + revised;
    // Something new marked days dirty: a background pass recomputes them.
    if (accepted > 0) await this.rollupPasses.request();
    return {
      accepted,
      duplicates: valid.length - accepted,
      revised,
      rejected,
      truncated,
      sanitized,
    };
  }

  /** The key id of each event (null for idle or nameless spans); unknown names are created once. */
  private async resolveKeys(
    organizationId: string,
    events: CheckedEvent[],
  ): Promise<(string | null)[]> {
    const ids: (string | null)[] = new Array<string | null>(events.length).fill(null);
    const missing = new Map<string, { request: KeyRequest; indexes: number[] }>();
    events.forEach((e, i) => {
      const key = keyOf(e);
      if (!key) return;
      const slot = ActivityKeyCache.slot(key.kind, key.normalized);
      const cached = this.keys.get(organizationId, slot);
      if (cached) {
        ids[i] = cached;
        return;
      }
      const entry = missing.get(slot);
      if (entry) entry.indexes.push(i);
      else missing.set(slot, { request: key, indexes: [i] });
    });
    if (missing.size === 0) return ids;
    const entries = [...missing.entries()];
    const found = await this.repository.ensureKeys(
      organizationId,
      entries.map(([, e]) => e.request),
    );
    entries.forEach(([slot, entry], n) => {
      const id = found[n];
      this.keys.set(organizationId, slot, id);
      for (const i of entry.indexes) ids[i] = id;
    });
    return ids;
  }
}
