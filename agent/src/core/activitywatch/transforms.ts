/**
 * ActivityWatch's event model and the transforms its server and its canonical view apply,
 * following aw-server-rust (aw-transform: heartbeat, flood, filter_period_intersect) and aw-webui's
 * canonical query (window events flooded, intersected with not-afk time; browser tab events
 * intersected with the time a matching browser window is in front).
 *
 * Times are epoch milliseconds (fractions kept: ActivityWatch has microseconds).
 */

export type AwData = Record<string, unknown>;

export interface AwEvent {
  /** The event's id in its bucket (ActivityWatch numbers them). */
  id: number;
  start: number;
  end: number;
  data: AwData;
}

/** Data as a canonical string: key order does not matter (serde_json maps compare that way). */
export function dataKey(data: unknown): string {
  if (Array.isArray(data)) return `[${data.map(dataKey).join(',')}]`;
  if (data !== null && typeof data === 'object') {
    const keys = Object.keys(data).sort();
    return `{${keys
      .map((k) => `${JSON.stringify(k)}:${dataKey((data as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(data) ?? 'null';
}

/**
 * aw-transform's heartbeat: the heartbeat extends the last event when the data are equal and it
 * starts within [last start, last end + pulsetime]; the merged event covers both. `null`: it
 * becomes a new event.
 */
export function mergeHeartbeat(
  last: { start: number; end: number; data: AwData },
  heartbeat: { start: number; end: number; data: AwData },
  pulsetimeSeconds: number,
): { start: number; end: number } | null {
  if (dataKey(last.data) !== dataKey(heartbeat.data)) return null;
  if (last.start > heartbeat.start) return null;
  if (heartbeat.start > last.end + pulsetimeSeconds * 1000) return null;
  const start = Math.min(last.start, heartbeat.start);
  const end = Math.max(last.end, heartbeat.end);
  return end < start ? null : { start, end };
}

/** The gap flood fills (aw-query's `flood(events)` uses 5 s). */
export const FLOOD_PULSE_MS = 5000;
/** Negative gaps smaller than this are trimmed without a warning (as aw-transform). */

export interface Flooded {
  /** The first event of the chain this one merged (its identity). */
  id: number;
  start: number;
  end: number;
  data: AwData;
  key: string;
}

/**
 * aw-transform's flood: events sorted by start; a gap under `pulseMs` between two events is shared
 * between them (each takes half) unless their data are equal, in which case they merge; overlapping
 * events with equal data merge too.
 */
export function flood(events: AwEvent[], pulseMs = FLOOD_PULSE_MS): Flooded[] {
  const sorted = events
    .map((e) => ({ id: e.id, start: e.start, end: e.end, data: e.data, key: dataKey(e.data) }))
    .sort((a, b) => a.start - b.start || a.id - b.id);
  const out: Flooded[] = [];
  let gapPrev: number | null = null;
  let i = 0;
  let retry: Flooded | null = null;
  for (;;) {
    let e1: Flooded | undefined;
    if (retry) {
      e1 = retry;
      retry = null;
    } else {
      e1 = sorted[i];
      i += 1;
    }
    if (e1 === undefined) break;
    if (gapPrev !== null) {
      e1.start -= gapPrev / 2;
      gapPrev = null;
    }
    const e2 = sorted[i];
    if (e2 === undefined) {
      out.push(e1);
      break;
    }
    const gap = e2.start - e1.end;
    if (gap < 0) {
      if (e1.key === e2.key) {
        e1.start = Math.min(e1.start, e2.start);
        e1.end = Math.max(e1.end, e2.end);
        i += 1;
        retry = e1;
        continue;
      }
    } else if (gap < pulseMs) {
      if (e1.key === e2.key) {
        e1.start = Math.min(e1.start, e2.start);
        e1.end = Math.max(e1.end, e2.end);
        i += 1;
        retry = e1;
        continue;
      }
      e1.end += gap / 2;
      gapPrev = gap;
    }
    out.push(e1);
  }
  return out;
}

export interface Piece<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * aw-transform's filter_period_intersect: the parts of `events` that lie within `filter`
 * (both sorted by start; zero-length events are dropped).
 */
export function intersect<T>(
  events: Array<Piece<T>>,
  filter: Array<{ start: number; end: number }>,
): Array<Piece<T>> {
  const out: Array<Piece<T>> = [];
  if (events.length === 0 || filter.length === 0) return out;
  const es = [...events].sort((a, b) => a.start - b.start).map((e) => ({ ...e }));
  const fs = [...filter].sort((a, b) => a.start - b.start);
  let i = 0;
  let j = 0;
  while (i < es.length && j < fs.length) {
    const e = es[i]!;
    const f = fs[j]!;
    if (e.end - e.start <= 0 || e.end <= f.start) {
      i += 1;
      continue;
    }
    if (e.start >= f.end) {
      j += 1;
      continue;
    }
    const start = Math.max(e.start, f.start);
    const end = Math.min(e.end, f.end);
    out.push({ start, end, value: e.value });
    // The rest of the event goes on against the next filter period.
    e.start = end;
  }
  return out;
}

/**
 * aw-webui's browser app names (src/queries.ts, browser_appnames and browser_appname_regex): a
 * web-tab bucket whose id names the browser counts while a window of that browser is in front.
 */
export const BROWSER_APPNAMES: Record<string, string[]> = {
  chrome: [
    'com.google.Chrome',
    'com.google.ChromeDev',
    'org.chromium.Chromium',
    'company.thebrowser.dia',
  ],
  firefox: ['org.mozilla.firefox', 'io.gitlab.librewolf-community', 'net.waterfox.waterfox'],
  opera: ['com.opera.Opera'],
  brave: ['com.brave.Browser'],
  edge: ['com.microsoft.Edge', 'com.microsoft.EdgeDev'],
  arc: [],
  vivaldi: ['com.vivaldi.Vivaldi'],
  orion: ['Orion'],
  yandex: ['ru.yandex.Browser'],
  zen: ['app.zen_browser.zen'],
  floorp: ['one.ablaze.floorp'],
  helium: ['net.imput.helium'],
};

export const BROWSER_APPNAME_REGEX: Record<string, RegExp> = {
  chrome: /^(google[-_ ]?chrome|chrome|chromium|arc(\.exe)?$|dia(\.exe)?$)/i,
  firefox: /(firefox|librewolf|waterfox|nightly)/i,
  opera: /(opera)/i,
  brave: /(brave)/i,
  edge: /^(microsoft[-_ ]?edge|msedge)/i,
  arc: /^arc(\.exe)?$/i,
  vivaldi: /(vivaldi)/i,
  orion: /(orion)/i,
  yandex: /(yandex)/i,
  zen: /(zen)/i,
  floorp: /(floorp)/i,
  helium: /(helium)/i,
};

/** For each browser (in aw-webui's order) the first web-tab bucket whose id names it. */
export function browserBuckets(webBucketIds: string[]): Array<[browser: string, bucket: string]> {
  const out: Array<[string, string]> = [];
  for (const browser of Object.keys(BROWSER_APPNAMES)) {
    const bucket = webBucketIds.find((id) => id.includes(browser));
    if (bucket !== undefined) out.push([browser, bucket]);
  }
  return out;
}

function isBrowserWindow(browser: string, app: unknown): boolean {
  if (typeof app !== 'string') return false;
  return (
    (BROWSER_APPNAMES[browser] ?? []).includes(app) ||
    (BROWSER_APPNAME_REGEX[browser]?.test(app) ?? false)
  );
}

/** What a stretch of time was, as CallTimeX records it (before privacy filters). */
export interface CanonicalPiece {
  kind: 'active' | 'idle';
  start: number;
  end: number;
  app?: string;
  title?: string;
  url?: string;
}

export interface CanonicalInput {
  window: AwEvent[];
  afk: AwEvent[];
  /** Web-tab buckets by id. */
  web: Map<string, AwEvent[]>;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * ActivityWatch's canonical view as CallTimeX spans: active = window time while not afk (the
 * canonical `events`), with the URL of the browser tab where a web-tab bucket says what the
 * matching browser window showed; idle = the afk periods. (ActivityWatch's own "top domains" also
 * count tab time while the person is away; CallTimeX counts no time twice, so that is idle time.)
 */
export function canonicalPieces(input: CanonicalInput): CanonicalPiece[] {
  const windows = flood(input.window);
  const afk = flood(input.afk);
  const notAfk = afk.filter((e) => e.data.status === 'not-afk');
  const away = afk.filter((e) => e.data.status === 'afk');
  const asPieces = (events: Flooded[]): Array<Piece<AwData>> =>
    events.map((e) => ({ start: e.start, end: e.end, value: e.data }));

  const active = intersect(asPieces(windows), notAfk);
  const tabs: Array<Piece<AwData>> = [];
  for (const [browser, bucket] of browserBuckets([...input.web.keys()])) {
    const inFront = windows.filter((w) => isBrowserWindow(browser, w.data.app));
    tabs.push(...intersect(asPieces(flood(input.web.get(bucket) ?? [])), inFront));
  }
  tabs.sort((a, b) => a.start - b.start);

  const out: CanonicalPiece[] = [];
  const push = (start: number, end: number, data: AwData, tab: AwData | null): void => {
    if (end <= start) return;
    const piece: CanonicalPiece = { kind: 'active', start, end };
    const app = stringOf(data.app);
    const title = stringOf(data.title);
    const url = tab ? stringOf(tab.url) : undefined;
    if (app !== undefined) piece.app = app;
    if (title !== undefined) piece.title = title;
    if (url !== undefined) piece.url = url;
    out.push(piece);
  };
  for (const a of active) {
    let at = a.start;
    for (const t of tabs) {
      if (t.end <= at || t.start >= a.end) continue;
      const from = Math.max(at, t.start);
      const to = Math.min(a.end, t.end);
      push(at, from, a.value, null);
      push(from, to, a.value, t.value);
      at = to;
      if (at >= a.end) break;
    }
    push(at, a.end, a.value, null);
  }
  for (const f of away) {
    if (f.end > f.start) out.push({ kind: 'idle', start: f.start, end: f.end });
  }
  return out.sort((a, b) => a.start - b.start);
}
