import { createHash } from 'node:crypto';
import type { Span, SpanState } from '../types.js';
import { isWithinWorkHours, type WorkSchedule } from '../work-hours.js';
import type { AwStore, RegisteredPiece } from './store.js';
import { canonicalPieces, type CanonicalInput, type CanonicalPiece } from './transforms.js';

export const BUCKET_TYPES = {
  window: 'currentwindow',
  afk: 'afkstatus',
  web: 'web.tab.current',
} as const;

export type Interval = [from: number, to: number];

/** A span id from its place (namespace, slot, what it is, which of those in the slot). */
export function pieceId(
  key: string,
  namespace: string,
  slot: number,
  state: string,
  n: number,
): string {
  const hash = createHash('sha1').update(`${key}|${namespace}|${slot}|${state}|${n}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5 (name-based, SHA-1)
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `intervals` minus `holes`; both sorted or not, the result is sorted. */
export function subtract(intervals: Interval[], holes: Interval[]): Interval[] {
  let out = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  for (const [ha, hb] of holes) {
    out = out.flatMap(([a, b]): Interval[] => {
      if (hb <= a || ha >= b) return [[a, b]];
      const parts: Interval[] = [];
      if (ha > a) parts.push([a, ha]);
      if (hb < b) parts.push([hb, b]);
      return parts;
    });
  }
  return out;
}

/** The parts of [from, to) within work hours (the schedule is by the minute). */
export function workHoursWithin(
  schedule: WorkSchedule | null,
  from: number,
  to: number,
): Interval[] {
  if (schedule === null) return [[from, to]];
  const out: Interval[] = [];
  let at = from;
  while (at < to) {
    const next = Math.min(to, Math.floor(at / 60_000) * 60_000 + 60_000);
    if (isWithinWorkHours(schedule, at)) {
      const last = out.at(-1);
      if (last && last[1] === at) last[1] = next;
      else out.push([at, next]);
    }
    at = next;
  }
  return out;
}

function stateKey(state: SpanState): string {
  return JSON.stringify([state.kind, state.app ?? null, state.title ?? null, state.url ?? null]);
}

interface Placed {
  slot: number;
  state: SpanState;
  key: string;
  start: number;
  end: number;
}

export interface PublishInput {
  store: AwStore;
  namespace: string;
  slotMs: number;
  /** Slots [fromSlot, toSlot] are recomputed in full: what was registered there and is no more is retracted. */
  fromSlot: number;
  toSlot: number;
  pieces: CanonicalPiece[];
  /** Where recording was allowed. */
  allowed: (from: number, to: number) => Interval[];
  /** The privacy filters: what of a piece may be recorded. */
  filter: (piece: CanonicalPiece) => SpanState;
  /** Retract what was registered in these slots and is not there any more (default true). */
  retract?: boolean;
}

/**
 * Turns canonical pieces into spans for the spool: cut at slot boundaries and where recording was
 * not allowed, filtered, joined where they abut, and named by their place so that recomputing the
 * same time gives the same ids. Against the registry of what was handed out before, only what is
 * new or changed comes out (a change as a higher revision), and what disappeared is retracted.
 */
export function publish(input: PublishInput): Span[] {
  const { store, namespace, slotMs, fromSlot, toSlot } = input;
  const key = store.deviceKey();
  const lo = fromSlot * slotMs;
  const hi = (toSlot + 1) * slotMs;
  const placed: Placed[] = [];
  for (const piece of input.pieces) {
    const state = input.filter(piece);
    const k = stateKey(state);
    for (const [a, b] of input.allowed(Math.max(lo, piece.start), Math.min(hi, piece.end))) {
      for (let slot = Math.floor(a / slotMs); slot * slotMs < b; slot++) {
        const start = Math.round(Math.max(a, slot * slotMs));
        const end = Math.round(Math.min(b, (slot + 1) * slotMs));
        if (end > start) placed.push({ slot, state, key: k, start, end });
      }
    }
  }
  placed.sort((x, y) => x.slot - y.slot || x.start - y.start);
  const joined: Placed[] = [];
  for (const p of placed) {
    const last = joined.at(-1);
    if (last && last.slot === p.slot && last.key === p.key && last.end >= p.start) {
      last.end = Math.max(last.end, p.end);
    } else {
      joined.push({ ...p });
    }
  }

  const registered = new Map(
    store.pieces(namespace, fromSlot, toSlot).map((r): [string, RegisteredPiece] => [r.id, r]),
  );
  const out: Span[] = [];
  const seen = new Set<string>();
  const ordinals = new Map<string, number>();
  for (const p of joined) {
    const ordinalKey = `${p.slot}|${p.key}`;
    const n = ordinals.get(ordinalKey) ?? 0;
    ordinals.set(ordinalKey, n + 1);
    const id = pieceId(key, namespace, p.slot, p.key, n);
    seen.add(id);
    const print = `${p.key}|${p.start}|${p.end}`;
    const before = registered.get(id);
    if (before && !before.deleted && before.print === print) continue;
    const rev = before ? before.rev + 1 : 0;
    store.register(namespace, {
      id,
      slot: p.slot,
      rev,
      print,
      kind: p.state.kind,
      start: p.start,
      end: p.end,
      deleted: false,
    });
    out.push({ ...p.state, id, start: p.start, end: p.end, rev });
  }
  for (const before of input.retract === false ? [] : registered.values()) {
    if (seen.has(before.id) || before.deleted) continue;
    const rev = before.rev + 1;
    store.register(namespace, { ...before, rev, deleted: true });
    out.push({
      id: before.id,
      kind: before.kind,
      start: before.start,
      end: before.end,
      rev,
      deleted: true,
    });
  }
  return out;
}

/** The events of the window, afk and web-tab buckets that shape the view from `from` on. */
export function canonicalInputFrom(store: AwStore, from: number): CanonicalInput {
  const input: CanonicalInput = { window: [], afk: [], web: new Map() };
  for (const bucket of store.buckets()) {
    if (bucket.type === BUCKET_TYPES.window)
      input.window.push(...store.eventsFrom(bucket.id, from));
    else if (bucket.type === BUCKET_TYPES.afk) input.afk.push(...store.eventsFrom(bucket.id, from));
    else if (bucket.type === BUCKET_TYPES.web)
      input.web.set(bucket.id, store.eventsFrom(bucket.id, from));
  }
  return input;
}

interface GateState {
  firstAllowedAt: number | null;
  blocked: Interval[];
  last: { at: number; allowed: boolean } | null;
}

export const LIVE_NAMESPACE = 'live';
export const LIVE_SLOT_MS = 5 * 60_000;
const KEEP_MS = 48 * 3600_000;

/**
 * The ActivityWatch source of a running agent: notes every sample whether recording is allowed
 * (notice, pause, organization, work hours), and turns what the watchers reported into spans.
 * Time before recording was first allowed on this machine, and while it was not, is left out.
 */
export class LiveCollector {
  constructor(
    private readonly store: AwStore,
    private readonly workHours: () => WorkSchedule | null,
    private readonly slotMs = LIVE_SLOT_MS,
  ) {}

  private gate(): GateState {
    const raw = this.store.get('gate');
    return raw ? (JSON.parse(raw) as GateState) : { firstAllowedAt: null, blocked: [], last: null };
  }

  /** Called at every sample with whether the agent may record now. */
  noteGate(at: number, allowed: boolean): void {
    const gate = this.gate();
    if (allowed && gate.firstAllowedAt === null) gate.firstAllowedAt = at;
    if (!allowed && gate.firstAllowedAt !== null) {
      const from = gate.last && gate.last.at <= at ? gate.last.at : at;
      const previous = gate.blocked.at(-1);
      if (previous && previous[1] >= from) previous[1] = at;
      else gate.blocked.push([from, at]);
    }
    gate.blocked = gate.blocked.filter(([, to]) => to > at - KEEP_MS);
    gate.last = { at, allowed };
    this.store.set('gate', JSON.stringify(gate));
  }

  allowed(from: number, to: number): Interval[] {
    const gate = this.gate();
    if (gate.firstAllowedAt === null) return [];
    const start = Math.max(from, gate.firstAllowedAt);
    if (to <= start) return [];
    return subtract(workHoursWithin(this.workHours(), start, to), gate.blocked);
  }

  /** What changed since the last call, as spans for the spool. */
  combine(now: number, filter: (piece: CanonicalPiece) => SpanState): Span[] {
    return this.store.transaction(() => {
      const dirty = this.store.dirtyFrom();
      if (dirty === null) return [];
      const fromSlot = Math.floor(dirty / this.slotMs);
      const input = canonicalInputFrom(this.store, fromSlot * this.slotMs);
      const pieces = canonicalPieces(input);
      const lastEnd = pieces.reduce((m, p) => Math.max(m, p.end), now);
      const spans = publish({
        store: this.store,
        namespace: LIVE_NAMESPACE,
        slotMs: this.slotMs,
        fromSlot,
        toSlot: Math.floor(lastEnd / this.slotMs),
        pieces,
        allowed: (a, b) => this.allowed(a, b),
        filter,
      });
      this.store.clearDirty();
      return spans;
    });
  }

  /** Raw events and the registry older than two days go. */
  prune(now: number): void {
    this.store.prune(now - KEEP_MS);
    this.store.prunePieces(LIVE_NAMESPACE, Math.floor((now - KEEP_MS) / this.slotMs));
  }
}
