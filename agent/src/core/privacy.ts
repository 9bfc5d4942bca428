import type { ForegroundActivity } from './ports.js';
import type { SpanState } from './types.js';

export type UrlMode = 'full' | 'host' | 'none';

export interface PrivacySettings {
  /** Application names never recorded (case-insensitive, exact or `*` glob). */
  excludedApps: string[];
  /** Host names never recorded; a rule matches the host and its subdomains. */
  excludedSites: string[];
  collectTitles: boolean;
  /** Regular expression sources; matches in titles are replaced by `[redacted]`. */
  titleRedactions: string[];
  urlMode: UrlMode;
}

export const DEFAULT_PRIVACY: PrivacySettings = {
  excludedApps: [],
  excludedSites: [],
  collectTitles: true,
  titleRedactions: [],
  urlMode: 'host',
};

const MAX_FIELD = 1024;
const URL_STRICTNESS: Record<UrlMode, number> = { full: 0, host: 1, none: 2 };

/** The stricter of the local settings and the organization's: the agent never collects more. */
export function effectivePrivacy(
  local: PrivacySettings,
  organization: { collectTitles: boolean; urlMode: UrlMode } | null,
): PrivacySettings {
  if (organization === null) return local;
  return {
    ...local,
    collectTitles: local.collectTitles && organization.collectTitles,
    urlMode:
      URL_STRICTNESS[organization.urlMode] > URL_STRICTNESS[local.urlMode]
        ? organization.urlMode
        : local.urlMode,
  };
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url.includes('://') ? url : `https://${url}`);
    return parsed.hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Applies the organization's privacy settings to a sample before anything is stored. Excluded
 * applications and sites still count as active time, but nothing names them.
 */
export class PrivacyFilter {
  private readonly apps: RegExp[];
  private readonly sites: string[];
  private readonly redactions: RegExp[];

  constructor(private readonly settings: PrivacySettings) {
    this.apps = settings.excludedApps.map(globToRegExp);
    this.sites = settings.excludedSites.map((s) => s.toLowerCase().replace(/^\*?\./, ''));
    this.redactions = settings.titleRedactions.flatMap((source) => {
      try {
        return [new RegExp(source, 'giu')];
      } catch {
        return [];
      }
    });
  }

  apply(activity: ForegroundActivity | null): SpanState {
    if (activity === null) return { kind: 'active' };
    if (this.apps.some((re) => re.test(activity.app))) return { kind: 'active' };
    const host = activity.url === undefined ? null : hostOf(activity.url);
    if (host !== null && this.sites.some((site) => host === site || host.endsWith(`.${site}`))) {
      return { kind: 'active' };
    }
    const state: SpanState = { kind: 'active', app: activity.app.slice(0, MAX_FIELD) };
    if (this.settings.collectTitles && activity.title) {
      const title = this.redactions.reduce((t, re) => t.replace(re, '[redacted]'), activity.title);
      state.title = title.slice(0, MAX_FIELD);
    }
    if (activity.url !== undefined && host !== null) {
      if (this.settings.urlMode === 'host') state.url = host;
      else if (this.settings.urlMode === 'full') state.url = activity.url.slice(0, MAX_FIELD * 2);
    }
    return state;
  }
}
