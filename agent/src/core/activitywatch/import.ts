import type { Span, SpanState } from '../types.js';
import type { WorkSchedule } from '../work-hours.js';
import { BUCKET_TYPES, publish, workHoursWithin } from './collector.js';
import type { AwStore } from './store.js';
import {
  canonicalPieces,
  type AwEvent,
  type CanonicalInput,
  type CanonicalPiece,
} from './transforms.js';
import { checkEvent } from './wire.js';

export const IMPORT_NAMESPACE = 'import';
/** Imported history is cut at hour boundaries (live time at five minutes). */
export const IMPORT_SLOT_MS = 3600_000;

export interface ExportedBucket {
  id: string;
  type: string;
  hostname: string;
  events: AwEvent[];
}

/**
 * An aw-server export (`GET /api/0/export`, or a bucket's export): `{ "buckets": { id: bucket } }`
 * with each bucket's `events`; a bare `{ id: bucket }` map is read too. Events that are not valid
 * are counted and left out.
 */
export function parseExport(json: unknown): { buckets: ExportedBucket[]; invalidEvents: number } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('not an ActivityWatch export: expected a JSON object with "buckets"');
  }
  const root = json as Record<string, unknown>;
  const map = (
    typeof root.buckets === 'object' && root.buckets !== null ? root.buckets : root
  ) as Record<string, unknown>;
  const buckets: ExportedBucket[] = [];
  let invalidEvents = 0;
  for (const [key, raw] of Object.entries(map)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const b = raw as Record<string, unknown>;
    if (typeof b.type !== 'string' || !Array.isArray(b.events)) continue;
    const events: AwEvent[] = [];
    b.events.forEach((e: unknown, index: number) => {
      const checked = checkEvent(e);
      if (!checked.ok) {
        invalidEvents++;
        return;
      }
      events.push({ ...checked.value, id: checked.value.id ?? index });
    });
    buckets.push({
      id: typeof b.id === 'string' ? b.id : key,
      type: b.type,
      hostname: typeof b.hostname === 'string' ? b.hostname : 'unknown',
      events,
    });
  }
  if (buckets.length === 0) throw new Error('the file holds no ActivityWatch bucket with events');
  return { buckets, invalidEvents };
}

/** Per machine (hostname of its window watcher): its window and afk buckets, and every web bucket. */
export function canonicalInputs(buckets: ExportedBucket[]): CanonicalInput[] {
  const web = new Map(
    buckets.filter((b) => b.type === BUCKET_TYPES.web).map((b) => [b.id, b.events] as const),
  );
  const hosts = [
    ...new Set(buckets.filter((b) => b.type === BUCKET_TYPES.window).map((b) => b.hostname)),
  ];
  return hosts.map((host) => ({
    window: buckets
      .filter((b) => b.type === BUCKET_TYPES.window && b.hostname === host)
      .flatMap((b) => b.events),
    afk: buckets
      .filter((b) => b.type === BUCKET_TYPES.afk && b.hostname === host)
      .flatMap((b) => b.events),
    web,
  }));
}

export interface ImportOutcome {
  buckets: number;
  events: number;
  invalidEvents: number;
  /** New or changed spans handed to the spool (0 when the same file is imported again). */
  spans: Span[];
}

/**
 * ActivityWatch history as CallTimeX spans, combined as ActivityWatch's canonical view does and
 * filtered like live collection. Span ids follow from the time they cover, so importing the same
 * file again hands out nothing new (and the server would count a re-sent one as a duplicate).
 */
export function importHistory(
  json: unknown,
  store: AwStore,
  filter: (piece: CanonicalPiece) => SpanState,
  workHours: WorkSchedule | null,
): ImportOutcome {
  const { buckets, invalidEvents } = parseExport(json);
  const pieces = canonicalInputs(buckets).flatMap(canonicalPieces);
  const events = buckets.reduce((n, b) => n + b.events.length, 0);
  if (pieces.length === 0) return { buckets: buckets.length, events, invalidEvents, spans: [] };
  const from = pieces.reduce((m, p) => Math.min(m, p.start), Infinity);
  const to = pieces.reduce((m, p) => Math.max(m, p.end), -Infinity);
  const spans = store.transaction(() =>
    publish({
      store,
      namespace: IMPORT_NAMESPACE,
      slotMs: IMPORT_SLOT_MS,
      fromSlot: Math.floor(from / IMPORT_SLOT_MS),
      toSlot: Math.floor(to / IMPORT_SLOT_MS),
      pieces,
      allowed: (a, b) => workHoursWithin(workHours, a, b),
      filter,
      // Another file may cover part of the same hours: an import adds and corrects, never removes.
      retract: false,
    }),
  );
  return { buckets: buckets.length, events, invalidEvents, spans };
}
