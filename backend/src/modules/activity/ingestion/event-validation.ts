import type { CollectionSettings } from '#src/modules/agent/data-collection/organization-settings.entity.js';
import type { SpanKind } from '../entities/activity-span.entity.js';

export const MAX_EVENTS_PER_BATCH = 5_000;
export const MAX_SPAN_MS = 24 * 60 * 60 * 1000;
export const MAX_FUTURE_MS = 10 * 60 * 1000;
export const MAX_APP_LENGTH = 255;
export const MAX_TITLE_LENGTH = 1_024;
export const MAX_URL_LENGTH = 2_048;
export const MAX_HOST_LENGTH = 255;
/** Revisions are stored in a 32-bit column. */
export const MAX_REV = 2_147_483_647;

/** An event as it will be stored: what the organization does not collect is already gone. */
export interface CheckedEvent {
  /** Lower case, so that the same UUID in other letter case is the same event. */
  eventId: string;
  kind: SpanKind;
  startMs: number;
  endMs: number;
  app: string | null;
  title: string | null;
  url: string | null;
  /** Lower-case host name without port, when the URL has one: the span's site. */
  host: string | null;
  /** 0 as first sent; a higher revision of the same id replaces the stored span. */
  rev: number;
  /** A revision that retracts the span: it is kept as a tombstone that counts for nothing. */
  retracted: boolean;
  /** A title, URL or app name was cut to its column's length. */
  truncated: boolean;
  /** A title, URL or app name held control characters, which were removed. */
  sanitized: boolean;
}

export type EventCheck = { ok: true; event: CheckedEvent } | { ok: false; reason: string };

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Epoch ms of an ISO 8601 date-time that carries an offset, or NaN. Hand-rolled: this is the hot path. */
export function parseIsoWithOffset(value: string): number {
  const m = ISO.exec(value);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  // Years before 1970 are no agent's data (and Date.UTC would read 0-99 as 19xx).
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return NaN;
  const fraction = m[7];
  const ms = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (m[9] === '-' ? -1 : 1);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** Cuts to at most `max` characters (code points, as MySQL counts them), never inside a pair. */
export function truncateChars(value: string, max: number): string {
  if (value.length <= max) return value;
  let index = 0;
  let count = 0;
  while (index < value.length && count < max) {
    const code = value.charCodeAt(index);
    const pair =
      code >= 0xd800 && code <= 0xdbff && index + 1 < value.length
        ? value.charCodeAt(index + 1)
        : 0;
    index += pair >= 0xdc00 && pair <= 0xdfff ? 2 : 1;
    count++;
  }
  return index >= value.length ? value : value.slice(0, index);
}

/** Lower-case host name without port (the URL parser drops it and lowers the case), or null. */
export function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(HAS_SCHEME.test(url) ? url : `http://${url}`);
  } catch {
    return null;
  }
  const host = parsed.hostname;
  return host ? truncateChars(host, MAX_HOST_LENGTH) : null;
}

// A run of digits with single spaces or dashes between them. Card numbers in use have 14 to 19
// digits; 13-digit runs are left alone, as they are mostly millisecond timestamps in URLs.
const DIGIT_RUN = /\d(?:[ -]?\d){13,}/g;
export const CARD_NUMBER_MARK = '[card number removed]';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Card numbers are never stored (policy 3.3), yet a window title or URL may show one (a shop's
 * checkout page): the number is cut out and the event kept, rather than the batch refused.
 */
export function redactCardNumbers(text: string): string {
  if (text.length < 14) return text;
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length <= 19 && luhnValid(digits) ? CARD_NUMBER_MARK : run;
  });
}

// Any control character but tab (C0, DEL, C1). Line breaks (CR, LF, VT, FF, NEL, and Unicode's
// line and paragraph separators U+2028/U+2029) become one
// space, since they separate words; the others (NUL, bell, escape, …) are dropped. None is ever
// stored: they break CSV rows, hide text in the console and cannot be written to XML (XLSX).
const CONTROL = /[^\P{Cc}\t]|[\u2028\u2029]/u;
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]+/g;
const OTHER_CONTROLS = /[^\P{Cc}\t\r\n\v\f\u0085]/gu;

/** The text without control characters other than tab; a run of line breaks becomes one space. */
export function stripControlChars(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(OTHER_CONTROLS, '').replace(LINE_BREAKS, ' ');
}

function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Validates and normalizes one event. Unknown fields inside an event are ignored: an event belongs
 * to the device that sent it, whatever it claims.
 */
export function checkEvent(raw: unknown, nowMs: number, settings: CollectionSettings): EventCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'event must be an object' };
  }
  const e = raw as Record<string, unknown>;
  const id = e.id;
  if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, reason: 'id must be a UUID' };
  const kind = e.kind;
  if (kind !== 'active' && kind !== 'idle') {
    return { ok: false, reason: 'kind must be "active" or "idle"' };
  }
  const startMs = typeof e.start === 'string' ? parseIsoWithOffset(e.start) : NaN;
  if (Number.isNaN(startMs)) {
    return { ok: false, reason: 'start must be an ISO 8601 date-time with offset' };
  }
  const endMs = typeof e.end === 'string' ? parseIsoWithOffset(e.end) : NaN;
  if (Number.isNaN(endMs)) {
    return { ok: false, reason: 'end must be an ISO 8601 date-time with offset' };
  }
  if (endMs <= startMs) return { ok: false, reason: 'end must be after start' };
  if (endMs - startMs > MAX_SPAN_MS) return { ok: false, reason: 'span is longer than 24 hours' };
  if (endMs > nowMs + MAX_FUTURE_MS) {
    return { ok: false, reason: 'end is more than 10 minutes in the future' };
  }
  const rawApp = optionalString(e.app);
  if (rawApp === undefined) return { ok: false, reason: 'app must be a string' };
  const rawTitle = optionalString(e.title);
  if (rawTitle === undefined) return { ok: false, reason: 'title must be a string' };
  const rawUrl = optionalString(e.url);
  if (rawUrl === undefined) return { ok: false, reason: 'url must be a string' };
  const rev = e.rev ?? 0;
  if (typeof rev !== 'number' || !Number.isInteger(rev) || rev < 0 || rev > MAX_REV) {
    return { ok: false, reason: `rev must be an integer from 0 to ${MAX_REV}` };
  }
  const deleted = e.deleted ?? false;
  if (typeof deleted !== 'boolean') return { ok: false, reason: 'deleted must be a boolean' };
  if (deleted && rev === 0) return { ok: false, reason: 'deleted needs rev 1 or more' };

  const event: CheckedEvent = {
    eventId: id.toLowerCase(),
    kind,
    startMs,
    endMs,
    app: null,
    title: null,
    url: null,
    host: null,
    rev,
    retracted: deleted,
    truncated: false,
    sanitized: false,
  };
  // Idle time belongs to no application: its app, title and URL are not kept; nor are a retracted
  // span's.
  if (kind === 'idle' || deleted) return { ok: true, event };

  // Control characters go first: a card number or a host name split by them is found, and the
  // length limits count what is stored.
  const dropControls = (text: string): string => {
    const stripped = stripControlChars(text);
    if (stripped !== text) event.sanitized = true;
    return stripped;
  };
  const app = rawApp && dropControls(rawApp).trim();
  if (app) {
    const clean = redactCardNumbers(app);
    event.app = truncateChars(clean, MAX_APP_LENGTH);
    if (event.app !== clean) event.truncated = true;
  }
  if (rawTitle && settings.collectTitles) {
    const title = redactCardNumbers(dropControls(rawTitle));
    event.title = truncateChars(title, MAX_TITLE_LENGTH);
    if (event.title !== title) event.truncated = true;
  }
  const url = rawUrl && dropControls(rawUrl).trim();
  if (url) {
    const host = hostOf(url);
    // A URL without a host (about:blank, file:) names no site; the span counts for its app.
    if (host) {
      event.host = host;
      if (settings.urlMode === 'host') {
        event.url = host;
      } else {
        const clean = redactCardNumbers(url);
        event.url = truncateChars(clean, MAX_URL_LENGTH);
        if (event.url !== clean) event.truncated = true;
      }
    }
  }
  return { ok: true, event };
}
