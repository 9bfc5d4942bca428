import { randomUUID } from 'node:crypto';
import request from 'supertest';

type App = { getHttpServer(): unknown };
const server = (app: App) => app.getHttpServer() as Parameters<typeof request>[0];

export interface AgentEvent {
  id: string;
  kind: 'active' | 'idle';
  start: string;
  end: string;
  app?: string;
  title?: string;
  url?: string;
}

/** Enrolls a workstation for an employee through the API, as an agent would. */
export async function enrollDevice(
  app: App,
  ownerToken: string,
  employeeEmail: string,
): Promise<string> {
  const token = await request(server(app))
    .post('/api/v1/agent/enrollment-tokens')
    .set('Authorization', `Bearer ${ownerToken}`)
    .send({});
  if (token.status !== 201)
    throw new Error(`enrollment token: ${token.status} ${JSON.stringify(token.body)}`);
  const enrolled = await request(server(app))
    .post('/api/v1/agent/enroll')
    .send({
      enrollmentToken: token.body.token,
      employeeEmail,
      hostname: `ws-${randomUUID().slice(0, 6)}`,
      os: 'Linux',
      agentVersion: '1.0.0',
    });
  if (enrolled.status !== 201)
    throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return enrolled.body.deviceToken as string;
}

export async function sendEvents(
  app: App,
  deviceToken: string,
  events: AgentEvent[],
): Promise<{ accepted: number; duplicates: number; rejected: { index: number }[] }> {
  const res = await request(server(app))
    .post('/api/v1/agent/events')
    .set('Authorization', `Bearer ${deviceToken}`)
    .send({ events });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accepted: number; duplicates: number; rejected: { index: number }[] };
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RuleSpec {
  kind: 'app' | 'site';
  pattern: string;
  productivity: 'productive' | 'neutral' | 'unproductive';
  teamId?: string;
}

export interface Person {
  id: string;
  fullName: string;
  timeZone: string;
  teamId: string | null;
}

export interface NaiveSummaryRow {
  employeeId: string;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  firstActivityMs: number | null;
  lastActivityMs: number | null;
}

const RANK = { productive: 2, neutral: 1, unproductive: 0 } as const;

function nameOf(e: AgentEvent): { kind: 'app' | 'site'; name: string } {
  if (e.url) return { kind: 'site', name: new URL(e.url).hostname.toLowerCase() };
  return { kind: 'app', name: (e.app ?? '').trim().toLowerCase() };
}

function classify(e: AgentEvent, rules: RuleSpec[], teamId: string | null): keyof typeof RANK {
  const { kind, name } = nameOf(e);
  const matches = (r: RuleSpec) =>
    r.kind === kind &&
    (kind === 'app'
      ? r.pattern.toLowerCase() === name
      : name === r.pattern.toLowerCase() || name.endsWith(`.${r.pattern.toLowerCase()}`));
  for (const scope of [teamId, undefined]) {
    if (scope === null) continue;
    const hits = rules.filter((r) => r.teamId === scope && matches(r));
    if (hits.length > 0)
      return hits.sort((a, b) => b.pattern.length - a.pattern.length)[0].productivity;
  }
  return 'neutral';
}

/**
 * The reference: every second of every person, looked up one by one. Local days come from a
 * formatter of their own; nothing is shared with the server's counting code.
 */
export function naiveReports(
  people: Person[],
  eventsByPerson: Map<string, AgentEvent[]>,
  rules: RuleSpec[],
  from: string,
  to: string,
): {
  summary: NaiveSummaryRow[];
  usage: Map<string, number>;
  days: Map<string, Map<string, number>>;
} {
  const summary: NaiveSummaryRow[] = [];
  const usage = new Map<string, number>();
  const days = new Map<string, Map<string, number>>();
  for (const person of people) {
    const events = eventsByPerson.get(person.id) ?? [];
    if (events.length === 0) continue;
    const starts = events.map((e) => Date.parse(e.start));
    const ends = events.map((e) => Date.parse(e.end));
    const t0 = Math.min(...starts);
    const t1 = Math.max(...ends);
    const n = (t1 - t0) / 1000;
    const activeBy: number[][] = Array.from({ length: n }, () => []);
    const idle = new Uint8Array(n);
    events.forEach((e, i) => {
      for (let s = (starts[i] - t0) / 1000; s < (ends[i] - t0) / 1000; s++) {
        if (e.kind === 'idle') idle[s] = 1;
        else activeBy[s].push(i);
      }
    });
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: person.timeZone });
    const row: NaiveSummaryRow = {
      employeeId: person.id,
      activeSeconds: 0,
      idleSeconds: 0,
      productiveSeconds: 0,
      neutralSeconds: 0,
      unproductiveSeconds: 0,
      firstActivityMs: null,
      lastActivityMs: null,
    };
    const perDay = new Map<string, number>();
    days.set(person.id, perDay);
    let day = '';
    for (let s = 0; s < n; s++) {
      const t = t0 + s * 1000;
      if ((t / 1000) % 60 === 0 || day === '') day = fmt.format(t);
      if (day < from || day > to) continue;
      const here = activeBy[s];
      if (here.length > 0) {
        row.activeSeconds++;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        row.firstActivityMs ??= t;
        row.lastActivityMs = t + 1000;
        let best: keyof typeof RANK = 'unproductive';
        const names = new Set<string>();
        for (const i of here) {
          const c = classify(events[i], rules, person.teamId);
          if (RANK[c] > RANK[best]) best = c;
          const { kind, name } = nameOf(events[i]);
          names.add(`${kind}|${name}`);
        }
        row[`${best}Seconds`]++;
        for (const k of names) usage.set(k, (usage.get(k) ?? 0) + 1);
      } else if (idle[s]) {
        row.idleSeconds++;
      }
    }
    if (row.activeSeconds + row.idleSeconds > 0) summary.push(row);
  }
  return { summary, usage, days };
}
