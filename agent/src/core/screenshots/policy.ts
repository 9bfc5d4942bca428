import type { ForegroundActivity } from '../ports.js';

/** `GET /agent/screenshot-policy`, as pinned in the screenshots contract (issue #20). */
export interface ScreenshotPolicy {
  enabled: boolean;
  reason?: 'off' | 'notice-not-acknowledged' | 'notice-does-not-cover-screenshots';
  intervalSeconds: number;
  randomize: boolean;
  excludedApps: string[];
  excludedSites: string[];
  maxWidth: number;
  format: 'jpeg';
  quality: number;
  noticeVersion?: number;
}

/** What an agent assumes until the server says otherwise (and what a 404 from an older server means). */
export const SCREENSHOTS_OFF: ScreenshotPolicy = {
  enabled: false,
  reason: 'off',
  intervalSeconds: 600,
  randomize: false,
  excludedApps: [],
  excludedSites: [],
  maxWidth: 1920,
  format: 'jpeg',
  quality: 70,
};

const REASONS = ['off', 'notice-not-acknowledged', 'notice-does-not-cover-screenshots'];

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
}

function intIn(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : null;
}

/** The policy the server sent, or null when it does not follow the contract. */
export function parseScreenshotPolicy(value: unknown): ScreenshotPolicy | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const intervalSeconds = intIn(v.intervalSeconds, 60, 86_400);
  const excludedApps = strings(v.excludedApps ?? []);
  const excludedSites = strings(v.excludedSites ?? []);
  const maxWidth = v.maxWidth === undefined ? 1920 : intIn(v.maxWidth, 16, 16_384);
  const quality = v.quality === undefined ? 70 : intIn(v.quality, 1, 100);
  if (
    typeof v.enabled !== 'boolean' ||
    intervalSeconds === null ||
    typeof v.randomize !== 'boolean' ||
    excludedApps === null ||
    excludedSites === null ||
    maxWidth === null ||
    quality === null ||
    (v.format !== undefined && v.format !== 'jpeg')
  ) {
    return null;
  }
  const policy: ScreenshotPolicy = {
    enabled: v.enabled,
    intervalSeconds,
    randomize: v.randomize,
    excludedApps,
    excludedSites,
    maxWidth,
    format: 'jpeg',
    quality,
  };
  if (typeof v.reason === 'string' && REASONS.includes(v.reason)) {
    policy.reason = v.reason as NonNullable<ScreenshotPolicy['reason']>;
  }
  if (typeof v.noticeVersion === 'number') policy.noticeVersion = v.noticeVersion;
  return policy;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function hostOf(url: string): string | null {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** `bank.example` covers `bank.example` and `www.bank.example`, not `notbank.example`. */
function coversHost(site: string, host: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/**
 * Applications and sites never captured: the organization's lists and the device's own privacy
 * lists together. A site is matched on the URL in front when the source knows it, and otherwise on
 * a host name in the window title (browsers often show it), so that a doubt means no capture.
 */
export class CaptureExclusions {
  private readonly apps: RegExp[];
  private readonly sites: string[];

  constructor(apps: string[], sites: string[]) {
    this.apps = apps.filter((a) => a.trim() !== '').map((a) => globToRegExp(a.trim()));
    this.sites = sites
      .map((s) =>
        s
          .trim()
          .toLowerCase()
          .replace(/^\*?\./, ''),
      )
      .map((s) => hostOf(s) ?? s)
      .filter((s) => s !== '');
  }

  /** What excludes this foreground from capture, or null when it may be captured. */
  excludes(activity: ForegroundActivity | null): string | null {
    if (activity === null) return null;
    const app = this.apps.find((re) => re.test(activity.app));
    if (app) return `application ${activity.app}`;
    if (this.sites.length === 0) return null;
    const host = activity.url === undefined ? null : hostOf(activity.url);
    if (host !== null) {
      const site = this.sites.find((s) => coversHost(s, host));
      if (site) return `site ${site}`;
    }
    const title = activity.title?.toLowerCase() ?? '';
    const named = title.match(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g) ?? [];
    const inTitle = this.sites.find((s) => named.some((h) => coversHost(s, h)));
    return inTitle ? `site ${inTitle}` : null;
  }
}
