import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './files.js';
import { DEFAULT_PRIVACY, type PrivacySettings, type UrlMode } from './privacy.js';
import { DEFAULT_SPOOL_LIMITS, type SpoolLimits } from './spool/sqlite-spool.js';
import { validateSchedule, type WorkSchedule } from './work-hours.js';

export const CONFIG_VERSION = 2;

export interface SamplingSettings {
  intervalSeconds: number;
  idleThresholdSeconds: number;
  maxSpanSeconds: number;
  /**
   * How often the span in progress is sent while it lasts (a finished span is sent at once). Idle
   * decided later corrects what was sent. Default 30.
   */
  publishSeconds?: number;
}

export const DEFAULT_PUBLISH_SECONDS = 30;

/** The agent's local configuration file; `version` says which migrations have run. */
export interface AgentConfig {
  version: typeof CONFIG_VERSION;
  serverUrl: string | null;
  deviceId: string | null;
  employeeEmail: string | null;
  sampling: SamplingSettings;
  privacy: PrivacySettings;
  /** The organization's daily allowance of private time. */
  pauseAllowanceMinutes: number;
  workHours: WorkSchedule | null;
  spool: SpoolLimits;
}

export function defaultConfig(): AgentConfig {
  return {
    version: CONFIG_VERSION,
    serverUrl: null,
    deviceId: null,
    employeeEmail: null,
    sampling: {
      intervalSeconds: 5,
      idleThresholdSeconds: 300,
      maxSpanSeconds: 900,
      publishSeconds: DEFAULT_PUBLISH_SECONDS,
    },
    privacy: { ...DEFAULT_PRIVACY },
    pauseAllowanceMinutes: 60,
    workHours: null,
    spool: { ...DEFAULT_SPOOL_LIMITS },
  };
}

type Raw = Record<string, unknown>;

/** Version 1 (the first preview) kept a flat file: `server`, `device`, `excludedApps`, `idleMinutes`. */
function migrate1to2(v1: Raw): Raw {
  const base = defaultConfig();
  return {
    ...base,
    serverUrl: typeof v1.server === 'string' ? v1.server : null,
    deviceId: typeof v1.device === 'string' ? v1.device : null,
    employeeEmail: typeof v1.employeeEmail === 'string' ? v1.employeeEmail : null,
    sampling: {
      ...base.sampling,
      idleThresholdSeconds:
        typeof v1.idleMinutes === 'number'
          ? v1.idleMinutes * 60
          : base.sampling.idleThresholdSeconds,
    },
    privacy: {
      ...base.privacy,
      excludedApps: Array.isArray(v1.excludedApps) ? v1.excludedApps : [],
    },
  };
}

const MIGRATIONS: Record<number, (raw: Raw) => Raw> = { 1: migrate1to2 };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid agent configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

const URL_MODES: readonly UrlMode[] = ['full', 'host', 'none'];

/** Lists every problem at once. */
export function validateConfig(raw: Raw): AgentConfig {
  const problems: string[] = [];
  const nullableString = (key: string): void => {
    if (raw[key] !== null && typeof raw[key] !== 'string') problems.push(`${key}: string or null`);
  };
  nullableString('serverUrl');
  nullableString('deviceId');
  nullableString('employeeEmail');
  if (typeof raw.serverUrl === 'string' && !/^https?:\/\/[^\s]+$/.test(raw.serverUrl)) {
    problems.push('serverUrl: an http(s) URL');
  }
  const sampling = raw.sampling as Partial<SamplingSettings> | undefined;
  const positive = (name: string, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      problems.push(`${name}: a positive number`);
    }
  };
  positive('sampling.intervalSeconds', sampling?.intervalSeconds);
  positive('sampling.idleThresholdSeconds', sampling?.idleThresholdSeconds);
  positive('sampling.maxSpanSeconds', sampling?.maxSpanSeconds);
  if (sampling?.publishSeconds !== undefined) {
    positive('sampling.publishSeconds', sampling.publishSeconds);
  }
  if ((sampling?.maxSpanSeconds ?? 0) > 12 * 3600) problems.push('sampling.maxSpanSeconds: ≤ 12 h');
  const privacy = raw.privacy as Partial<PrivacySettings> | undefined;
  if (!isStringArray(privacy?.excludedApps)) problems.push('privacy.excludedApps: strings');
  if (!isStringArray(privacy?.excludedSites)) problems.push('privacy.excludedSites: strings');
  if (!isStringArray(privacy?.titleRedactions)) problems.push('privacy.titleRedactions: strings');
  for (const source of isStringArray(privacy?.titleRedactions) ? privacy.titleRedactions : []) {
    try {
      new RegExp(source, 'u');
    } catch {
      problems.push(`privacy.titleRedactions: bad pattern ${source}`);
    }
  }
  if (typeof privacy?.collectTitles !== 'boolean') problems.push('privacy.collectTitles: boolean');
  if (!URL_MODES.includes(privacy?.urlMode as UrlMode)) {
    problems.push('privacy.urlMode: full, host or none');
  }
  if (typeof raw.pauseAllowanceMinutes !== 'number' || raw.pauseAllowanceMinutes < 0) {
    problems.push('pauseAllowanceMinutes: a number ≥ 0');
  }
  if (raw.workHours !== null) {
    try {
      validateSchedule(raw.workHours as WorkSchedule);
    } catch (error) {
      problems.push(`workHours: ${(error as Error).message}`);
    }
  }
  const spool = raw.spool as Partial<SpoolLimits> | undefined;
  positive('spool.maxEvents', spool?.maxEvents);
  positive('spool.maxBytes', spool?.maxBytes);
  if (spool?.maxScreenshotBytes !== undefined) {
    positive('spool.maxScreenshotBytes', spool.maxScreenshotBytes);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return raw as unknown as AgentConfig;
}

/** Upgrades any earlier version step by step; refuses a file from a newer agent. */
export function migrateConfig(raw: Raw): { config: AgentConfig; migrated: boolean } {
  let current = raw;
  let version = typeof raw.version === 'number' ? raw.version : 1;
  if (version > CONFIG_VERSION) {
    throw new ConfigError([`version ${version} is newer than this agent (${CONFIG_VERSION})`]);
  }
  const migrated = version < CONFIG_VERSION;
  while (version < CONFIG_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new ConfigError([`no migration from version ${version}`]);
    current = { ...step(current), version: version + 1 };
    version += 1;
  }
  return { config: validateConfig({ ...defaultConfig(), ...current }), migrated };
}

export function loadConfig(file: string): AgentConfig {
  if (!existsSync(file)) return defaultConfig();
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
  const { config, migrated } = migrateConfig(raw);
  if (migrated) saveConfig(file, config);
  return config;
}

export function saveConfig(file: string, config: AgentConfig): void {
  validateConfig(config as unknown as Raw);
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
}
