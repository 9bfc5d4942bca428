import type { Productivity } from '../activity/counting/productivity.js';
import { addDays, startOfLocalDay } from '../activity/counting/time-zone.js';

/** Every demo employee's email ends with this; a reserved TLD, so no mail can reach anyone. */
export const DEMO_EMAIL_DOMAIN = 'demo.calltimex.invalid';
export const DEMO_DEFAULT_SEED = 17;

/** A small fast seeded PRNG (mulberry32): the same seed gives the same organization. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** What a person does for a while: an application, and for browsers the site. */
interface Activity {
  app: string;
  titles: readonly string[];
  url?: readonly string[];
  /** The class the default and demo rules give it. */
  productivity: Productivity;
  weight: number;
}

export type DemoTeamKey = 'sales' | 'support' | 'engineering' | 'marketing';

interface TeamProfile {
  key: DemoTeamKey;
  name: string;
  timeZones: readonly string[];
  /** Local shift starts in minutes after midnight; employees are spread over them. */
  shifts: readonly number[];
  /** Active stretch length in seconds. */
  block: [number, number];
  /** Chance of an idle gap after a stretch, and its length in seconds. */
  idleChance: number;
  idle: [number, number];
  activities: readonly Activity[];
}

const BROWSER = 'Google Chrome';
const DISTRACTIONS: readonly Activity[] = [
  {
    app: BROWSER,
    titles: ['YouTube - Google Chrome', 'Lo-fi beats to work to - YouTube - Google Chrome'],
    url: ['https://www.youtube.com/watch?v=demo'],
    productivity: 'unproductive',
    weight: 2,
  },
  {
    app: BROWSER,
    titles: ['r/technology - Reddit - Google Chrome'],
    url: ['https://www.reddit.com/r/technology/'],
    productivity: 'unproductive',
    weight: 1,
  },
  { app: 'Spotify', titles: ['Spotify Premium'], productivity: 'unproductive', weight: 1 },
  { app: 'Explorer', titles: ['Downloads', 'Documents'], productivity: 'neutral', weight: 2 },
  {
    app: BROWSER,
    titles: ['Weather forecast - Google Chrome', 'News - Google Chrome'],
    url: ['https://www.bbc.com/news', 'https://weather.com/'],
    productivity: 'neutral',
    weight: 2,
  },
];

const COMMON: readonly Activity[] = [
  {
    app: 'Microsoft Outlook',
    titles: ['Inbox - Outlook', 'RE: Weekly sync - Message', 'Calendar - Outlook'],
    productivity: 'productive',
    weight: 6,
  },
  {
    app: 'Slack',
    titles: ['Slack | #general | CallTimeX Demo', 'Slack | Direct message'],
    productivity: 'productive',
    weight: 5,
  },
  ...DISTRACTIONS,
];

export const TEAM_PROFILES: readonly TeamProfile[] = [
  {
    key: 'support',
    name: 'Support',
    timeZones: ['Europe/Kyiv', 'Asia/Almaty', 'America/New_York'],
    // Contact-centre shifts: morning, day and evening.
    shifts: [8 * 60, 10 * 60, 14 * 60],
    block: [45, 300],
    idleChance: 0.35,
    idle: [20, 180],
    activities: [
      {
        app: 'Zoiper',
        titles: ['Zoiper - In call', 'Zoiper - Incoming call', 'Zoiper - Wrap-up'],
        productivity: 'productive',
        weight: 30,
      },
      {
        app: BROWSER,
        titles: ['Ticket #48213 - Zendesk', 'Views - Zendesk', 'Customer profile - Zendesk'],
        url: ['https://demo.zendesk.com/agent/tickets/48213', 'https://demo.zendesk.com/agent'],
        productivity: 'productive',
        weight: 25,
      },
      {
        app: BROWSER,
        titles: ['Account overview - Salesforce', 'Case 00012345 - Salesforce'],
        url: ['https://demo.lightning.force.com/lightning/r/Case/view'],
        productivity: 'productive',
        weight: 12,
      },
      {
        app: BROWSER,
        titles: ['Knowledge base: refunds - Confluence', 'Escalation policy - Confluence'],
        url: ['https://demo.atlassian.net/wiki/spaces/SUP'],
        productivity: 'productive',
        weight: 6,
      },
      ...COMMON,
    ],
  },
  {
    key: 'engineering',
    name: 'Engineering',
    timeZones: ['Europe/Berlin', 'Europe/Kyiv'],
    shifts: [9 * 60, 10 * 60],
    block: [60, 600],
    idleChance: 0.12,
    idle: [120, 900],
    activities: [
      {
        app: 'Visual Studio Code',
        titles: [
          'report.service.ts - calltimex - Visual Studio Code',
          'rollup.repository.ts - calltimex - Visual Studio Code',
          'README.md - calltimex - Visual Studio Code',
        ],
        productivity: 'productive',
        weight: 30,
      },
      {
        app: 'Terminal',
        titles: ['npm test', 'git rebase -i main', 'ssh build-01'],
        productivity: 'productive',
        weight: 12,
      },
      {
        app: BROWSER,
        titles: ['Pull request #311 - GitHub', 'Issues - GitHub'],
        url: [
          'https://github.com/demo/calltimex/pull/311',
          'https://github.com/demo/calltimex/issues',
        ],
        productivity: 'productive',
        weight: 12,
      },
      {
        app: BROWSER,
        titles: ['typescript - How to narrow a union - Stack Overflow'],
        url: ['https://stackoverflow.com/questions/demo'],
        productivity: 'productive',
        weight: 6,
      },
      {
        app: BROWSER,
        titles: ['DEMO-142 Sprint board - Jira'],
        url: ['https://demo.atlassian.net/jira/software/projects/DEMO/boards/1'],
        productivity: 'productive',
        weight: 6,
      },
      ...COMMON,
    ],
  },
  {
    key: 'sales',
    name: 'Sales',
    timeZones: ['America/New_York', 'Europe/Berlin'],
    shifts: [8 * 60 + 30, 9 * 60],
    block: [60, 480],
    idleChance: 0.18,
    idle: [60, 600],
    activities: [
      {
        app: BROWSER,
        titles: ['Opportunities - Salesforce', 'Acme Corp - Account - Salesforce'],
        url: ['https://demo.lightning.force.com/lightning/o/Opportunity/list'],
        productivity: 'productive',
        weight: 25,
      },
      {
        app: 'Zoom',
        titles: ['Zoom Meeting', 'Discovery call - Zoom'],
        productivity: 'productive',
        weight: 15,
      },
      {
        app: 'Microsoft Excel',
        titles: ['Q4 pipeline.xlsx - Excel', 'Price list.xlsx - Excel'],
        productivity: 'productive',
        weight: 10,
      },
      {
        app: BROWSER,
        titles: ['Acme Corp | LinkedIn'],
        url: ['https://www.linkedin.com/company/demo'],
        productivity: 'neutral',
        weight: 6,
      },
      ...COMMON,
    ],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    timeZones: ['Europe/Berlin', 'America/New_York'],
    shifts: [9 * 60, 9 * 60 + 30],
    block: [60, 540],
    idleChance: 0.15,
    idle: [60, 600],
    activities: [
      {
        app: 'Figma',
        titles: ['Landing page v3 - Figma', 'Social banners - Figma'],
        productivity: 'productive',
        weight: 20,
      },
      {
        app: BROWSER,
        titles: ['Campaign brief - Google Docs'],
        url: ['https://docs.google.com/document/d/demo'],
        productivity: 'productive',
        weight: 15,
      },
      {
        app: BROWSER,
        titles: ['Acquisition overview - Analytics'],
        url: ['https://analytics.google.com/analytics/web/'],
        productivity: 'productive',
        weight: 10,
      },
      {
        app: 'Microsoft PowerPoint',
        titles: ['Quarterly review.pptx - PowerPoint'],
        productivity: 'productive',
        weight: 8,
      },
      ...COMMON,
    ],
  },
];

/**
 * Rules the demo adds for what the default rules do not know (the default ones stay as they are).
 * Removing the demo removes exactly these.
 */
export const DEMO_RULES: readonly {
  kind: 'app' | 'site';
  pattern: string;
  productivity: Productivity;
}[] = [
  { kind: 'app', pattern: 'Zoiper', productivity: 'productive' },
  { kind: 'site', pattern: 'zendesk.com', productivity: 'productive' },
  { kind: 'site', pattern: 'force.com', productivity: 'productive' },
  { kind: 'site', pattern: 'analytics.google.com', productivity: 'productive' },
];

// Team sizes in a demo of 20 (repeated for more): a contact centre is the largest team.
const TEAM_PATTERN: readonly DemoTeamKey[] = [
  'support',
  'engineering',
  'support',
  'sales',
  'support',
  'marketing',
  'engineering',
  'support',
  'sales',
  'support',
  'engineering',
  'support',
  'marketing',
  'sales',
  'support',
  'engineering',
  'support',
  'sales',
  'engineering',
  'marketing',
];

const FIRST_NAMES = [
  'Olena',
  'Andrii',
  'Anna',
  'Maksym',
  'Sophie',
  'Lukas',
  'Emily',
  'Michael',
  'Aigerim',
  'Daniyar',
  'Iryna',
  'Taras',
  'Hannah',
  'Jonas',
  'Olivia',
  'James',
  'Aruzhan',
  'Nursultan',
  'Kateryna',
  'Dmytro',
  'Laura',
  'Felix',
  'Grace',
  'Daniel',
  'Madina',
  'Yerlan',
  'Natalia',
  'Serhii',
  'Mia',
  'Paul',
  'Chloe',
  'Ethan',
  'Dana',
  'Timur',
  'Yulia',
  'Oleksii',
  'Lea',
];
const LAST_NAMES = [
  'Shevchenko',
  'Kovalenko',
  'Bondarenko',
  'Müller',
  'Schmidt',
  'Fischer',
  'Johnson',
  'Miller',
  'Davis',
  'Nurlanova',
  'Abenov',
  'Tkachenko',
  'Kravchenko',
  'Weber',
  'Wagner',
  'Brown',
  'Wilson',
  'Sadykova',
  'Iskakov',
  'Melnyk',
  'Becker',
  'Taylor',
  'Moore',
  'Omarova',
  'Lysenko',
  'Hoffmann',
  'Clark',
  'Zhakupov',
  'Savchenko',
  'Koch',
  'Lewis',
];

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'u')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface DemoEmployeePlan {
  index: number;
  fullName: string;
  email: string;
  team: DemoTeamKey;
  timeZone: string;
  hostname: string;
  os: string;
}

export interface DemoEvent {
  id: string;
  kind: 'active' | 'idle';
  start: string;
  end: string;
  app?: string;
  title?: string;
  url?: string;
  /** Not sent: the class the rules should give the span (for checks). */
  productivity?: Productivity;
}

export interface DemoOptions {
  employees: number;
  days: number;
  seed: number;
  /** The last day of activity (UTC calendar date); the demo covers `days` days ending here. */
  lastDay: string;
}

export function demoRoster(count: number): DemoEmployeePlan[] {
  const used = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const team = TEAM_PATTERN[i % TEAM_PATTERN.length];
    const profile = TEAM_PROFILES.find((t) => t.key === team) as TeamProfile;
    const first = FIRST_NAMES[(i * 7) % FIRST_NAMES.length];
    const last = LAST_NAMES[(i * 11 + Math.floor(i / LAST_NAMES.length)) % LAST_NAMES.length];
    let local = `${asciiSlug(first)}.${asciiSlug(last)}`;
    for (let n = 2; used.has(local); n++) local = `${asciiSlug(first)}.${asciiSlug(last)}${n}`;
    used.add(local);
    const timeZone =
      profile.timeZones[Math.floor(i / TEAM_PATTERN.length + i) % profile.timeZones.length];
    return {
      index: i,
      fullName: `${first} ${last}`,
      email: `${local}@${DEMO_EMAIL_DOMAIN}`,
      team,
      timeZone,
      hostname: `DEMO-${profile.name.toUpperCase().slice(0, 3)}-${String(i + 1).padStart(3, '0')}`,
      os: i % 4 === 3 ? 'macOS 15.1' : 'Windows 11 23H2',
    };
  });
}

function weighted(random: Random, activities: readonly Activity[]): Activity {
  const total = activities.reduce((s, a) => s + a.weight, 0);
  let r = random() * total;
  for (const a of activities) {
    r -= a.weight;
    if (r < 0) return a;
  }
  return activities[activities.length - 1];
}

/** ISO weekday of a YYYY-MM-DD date (1 = Monday). */
function weekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The days the demo covers, oldest first. */
export function demoDays(options: Pick<DemoOptions, 'days' | 'lastDay'>): string[] {
  return Array.from({ length: options.days }, (_, i) =>
    addDays(options.lastDay, i - options.days + 1),
  );
}

/**
 * One employee's events over the demo's days: weekdays only, a shift start with jitter and some
 * late arrivals, a lunch break, idle gaps, some absent days. Spans never overlap, so each one's
 * seconds count once in the reports. The same seed, employee and days give the same events.
 */
export function demoEvents(employee: DemoEmployeePlan, options: DemoOptions): DemoEvent[] {
  const random = seededRandom(options.seed * 100_003 + employee.index * 7919 + 1);
  const profile = TEAM_PROFILES.find((t) => t.key === employee.team) as TeamProfile;
  const shift = profile.shifts[employee.index % profile.shifts.length];
  const events: DemoEvent[] = [];
  for (const day of demoDays(options)) {
    if (weekday(day) > 5) continue;
    // Absent (leave, sick) about one day in twenty-five.
    if (random() < 0.04) continue;
    const late = random() < 0.1 ? between(random, 15, 55) * 60 : 0;
    let t = shift * 60 + between(random, -10, 8) * 60 + late;
    const length = (8 * 60 + between(random, -20, 40)) * 60;
    const lunchAt = t + between(random, 3 * 3600 + 1800, 4 * 3600 + 1800);
    const lunchLength = profile.key === 'support' ? 1800 : between(random, 40, 65) * 60;
    const end = t + length + lunchLength;
    const dayStart = startOfLocalDay(employee.timeZone, day);
    const push = (kind: 'active' | 'idle', from: number, to: number, a?: Activity) => {
      const e: DemoEvent = {
        id: uuidFrom(random),
        kind,
        start: new Date(dayStart + from * 1000).toISOString(),
        end: new Date(dayStart + to * 1000).toISOString(),
      };
      if (a) {
        e.app = a.app;
        e.title = pick(random, a.titles);
        if (a.url) e.url = pick(random, a.url);
        e.productivity = a.productivity;
      }
      events.push(e);
    };
    let lunched = false;
    while (t < end) {
      if (!lunched && t >= lunchAt) {
        // The screen locks a few minutes into lunch: a short idle span, then nothing.
        push('idle', t, t + 300);
        t += lunchLength;
        lunched = true;
        continue;
      }
      const stretch = Math.min(between(random, profile.block[0], profile.block[1]), end - t);
      if (stretch <= 0) break;
      push('active', t, t + stretch, weighted(random, profile.activities));
      t += stretch;
      if (t < end && random() < profile.idleChance) {
        const gap = Math.min(between(random, profile.idle[0], profile.idle[1]), end - t);
        push('idle', t, t + gap);
        t += gap;
      }
    }
  }
  return events;
}
