import { randomUUID } from 'node:crypto';
import { AgentApi, ApiError, type CollectionPolicy } from './api-client.js';
import { DEFAULT_PUBLISH_SECONDS, type AgentConfig } from './config.js';
import { SpanMerger, type Observation } from './merger.js';
import { NoticeGate } from './notice.js';
import { PauseController, type PauseState } from './pause.js';
import type {
  ActivitySource,
  Clock,
  ForegroundActivity,
  IdleSource,
  Logger,
  ScreenCapture,
  ScreenshotStats,
  ScreenshotStore,
  SecretStore,
  SpooledScreenshot,
  Spool,
  SpoolStats,
  StateStore,
  Transport,
} from './ports.js';
import { effectivePrivacy, PrivacyFilter } from './privacy.js';
import {
  ScreenshotUploader,
  type ScreenshotUploaderOptions,
} from './screenshots/screenshot-uploader.js';
import type { ScreenshotPolicy } from './screenshots/policy.js';
import { Screenshots } from './screenshots/screenshots.js';
import type { Notice, Span, SpanState } from './types.js';
import { Uploader, type UploaderOptions, type UploaderStatus } from './uploader.js';
import { isWithinWorkHours } from './work-hours.js';

export const DEVICE_TOKEN_KEY = 'deviceToken';
/** Spool state set while the server says the organization is closed; kept across restarts. */
const ORGANIZATION_CLOSED_KEY = 'organizationClosed';

export type TrackingState =
  | 'not-enrolled'
  | 'organization-closed'
  | 'notice-unknown'
  | 'notice-pending'
  | 'paused'
  | 'suspended'
  | 'outside-work-hours'
  | 'tracking';

export interface AgentStatus {
  tracking: TrackingState;
  upload: UploaderStatus;
  spool: SpoolStats;
  pause: PauseState;
  pendingNotice: Notice | null;
  serverUrl: string | null;
  employeeEmail: string | null;
  deviceId: string | null;
  screenshots: { policy: ScreenshotPolicy; stats: ScreenshotStats };
}

export interface AgentDependencies {
  config: AgentConfig;
  activity: ActivitySource;
  idle: IdleSource;
  /** Time of samples (virtual in scripted runs). */
  clock: Clock;
  /** Time of network waits; real time even in scripted runs. */
  uploadClock?: Clock;
  spool: Spool & StateStore & ScreenshotStore;
  secrets: SecretStore;
  /** Where screenshots come from; none: the agent never takes one, whatever the policy. */
  screen?: ScreenCapture | null;
  /** Told at each screenshot taken (the CLI logs a line, the shell shows a notification). */
  onScreenshot?: (shot: SpooledScreenshot) => void;
  screenshotUploaderOptions?: ScreenshotUploaderOptions;
  /** Draws the random capture moments (tests pass a seeded one). */
  random?: () => number;
  transport: Transport;
  logger: Logger;
  newId?: () => string;
  uploaderOptions?: UploaderOptions;
  /** The person's language, for the notice text (`en`, `ru`, `uk`). */
  language?: string;
}

/** The agent: sample → privacy filter → merge into spans → spool → upload. */
export class Agent {
  readonly uploader: Uploader;
  readonly notice: NoticeGate;
  readonly screenshots: Screenshots;
  readonly screenshotUploader: ScreenshotUploader;
  private readonly merger: SpanMerger;
  private privacy: PrivacyFilter;
  private readonly pauses: PauseController;
  private api: AgentApi | null = null;
  private suspended = false;
  /** When the current idle period began, as first measured (the measure jitters by a few ms). */
  private idleSince: number | null = null;

  private constructor(
    private readonly deps: AgentDependencies,
    private deviceToken: string | null,
  ) {
    const { config, spool, logger } = deps;
    const interval = config.sampling.intervalSeconds * 1000;
    this.merger = new SpanMerger(
      {
        pulseMs: interval * 2 + 1000,
        maxSpanMs: config.sampling.maxSpanSeconds * 1000,
        lookbackMs: config.sampling.idleThresholdSeconds * 1000 + interval * 2,
        newId: deps.newId ?? randomUUID,
      },
      spool.restoreTail(),
    );
    this.privacy = new PrivacyFilter(config.privacy);
    this.applyPolicy();
    this.pauses = new PauseController(
      spool,
      () => config.pauseAllowanceMinutes * 60_000,
      config.workHours?.timeZone,
    );
    this.rebuildApi();
    this.notice = new NoticeGate(spool, () => this.api, logger, deps.language);
    this.uploader = new Uploader(spool, () => this.api, deps.uploadClock ?? deps.clock, logger, {
      ...deps.uploaderOptions,
      // The server refuses events while a new notice waits: fetch it so the person sees it.
      onForbidden: () => void this.notice.refresh(),
      // A closed organization takes nothing more: stop recording until the server answers again.
      onOrganizationClosed: () => this.setOrganizationClosed(true),
    });
    this.screenshots = new Screenshots({
      store: spool,
      screen: deps.screen ?? null,
      clock: deps.clock,
      activity: deps.activity,
      idle: deps.idle,
      idleThresholdSeconds: () => config.sampling.idleThresholdSeconds,
      trackingState: (at) => this.trackingState(at),
      acknowledgedNotice: () => this.notice.acknowledgedVersion(),
      localExclusions: () => ({
        apps: config.privacy.excludedApps,
        sites: config.privacy.excludedSites,
      }),
      api: () => this.api,
      logger,
      ...(deps.onScreenshot ? { onCaptured: deps.onScreenshot } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.newId ? { newId: deps.newId } : {}),
    });
    this.screenshotUploader = new ScreenshotUploader(
      spool,
      () => this.api,
      deps.uploadClock ?? deps.clock,
      logger,
      {
        ...deps.screenshotUploaderOptions,
        onDisabled: () => void this.screenshots.disabledByServer(),
      },
    );
  }

  static async create(deps: AgentDependencies): Promise<Agent> {
    return new Agent(deps, await deps.secrets.get(DEVICE_TOKEN_KEY));
  }

  get config(): AgentConfig {
    return this.deps.config;
  }

  /** After enrollment or a change of server in the settings. */
  async reloadCredentials(): Promise<void> {
    this.deviceToken = await this.deps.secrets.get(DEVICE_TOKEN_KEY);
    this.rebuildApi();
  }

  trackingState(at: number): TrackingState {
    if (this.api === null) return 'not-enrolled';
    if (this.deps.spool.get(ORGANIZATION_CLOSED_KEY) !== null) return 'organization-closed';
    const known = this.notice.knowledge();
    if (known.kind === 'unknown') return 'notice-unknown';
    if (!this.notice.trackingAllowed()) return 'notice-pending';
    if (this.suspended) return 'suspended';
    if (this.pauses.state(at).paused) return 'paused';
    if (!isWithinWorkHours(this.deps.config.workHours, at)) return 'outside-work-hours';
    return 'tracking';
  }

  /**
   * Takes one sample and checkpoints it durably. Spans still open to an idle repaint are queued
   * early (a finished one at once, the one in progress every `publishSeconds`), so the server is
   * current within a minute; a later correction goes out as a new revision of the same event.
   */
  async tick(): Promise<void> {
    const at = this.deps.clock.now();
    const observation = await this.observe(at);
    const committed = this.merger.observe(observation);
    const early = this.merger.provisional(this.publishMs());
    this.deps.spool.checkpoint({
      committed: committed.concat(early),
      tail: this.merger.snapshot(),
      at,
    });
  }

  private publishMs(): number {
    return (this.deps.config.sampling.publishSeconds ?? DEFAULT_PUBLISH_SECONDS) * 1000;
  }

  /** What the privacy filters let through of an activity (an excluded one loses its names). */
  filter(activity: ForegroundActivity | null): SpanState {
    return this.privacy.apply(activity);
  }

  /**
   * Spools spans made elsewhere (the ActivityWatch source), with the tail as it stands: the same
   * spool, uploader and ids as the agent's own collection.
   */
  record(spans: Span[], at = this.deps.clock.now()): void {
    this.deps.spool.checkpoint({ committed: spans, tail: this.merger.snapshot(), at });
  }

  /** Screen locked or machine going to sleep: a gap from now on. */
  async setSuspended(suspended: boolean): Promise<void> {
    this.suspended = suspended;
    await this.tick();
  }

  /** `false` when today's private-time allowance is used up. */
  async pause(): Promise<boolean> {
    const ok = this.pauses.pause(this.deps.clock.now());
    await this.tick();
    return ok;
  }

  async resume(): Promise<void> {
    this.pauses.resume(this.deps.clock.now());
    await this.tick();
  }

  /** Commits the open span (at its last sample) and everything pending. */
  shutdown(): void {
    const at = this.deps.clock.now();
    const committed = this.merger.observe({ at, state: null }).concat(this.merger.flush());
    this.deps.spool.checkpoint({ committed, tail: this.merger.snapshot(), at });
  }

  status(): AgentStatus {
    const now = this.deps.clock.now();
    return {
      tracking: this.trackingState(now),
      upload: this.uploader.status(),
      spool: this.deps.spool.stats(),
      pause: this.pauses.state(now),
      pendingNotice: this.notice.pending(),
      serverUrl: this.deps.config.serverUrl,
      employeeEmail: this.deps.config.employeeEmail,
      deviceId: this.deps.config.deviceId,
      screenshots: {
        policy: this.screenshots.policy(),
        stats: this.deps.spool.screenshotStats(),
      },
    };
  }

  /** Samples every interval until `signal` aborts or the clock reaches `until`. */
  async sample(signal: AbortSignal, until = Number.POSITIVE_INFINITY): Promise<void> {
    const interval = this.deps.config.sampling.intervalSeconds * 1000;
    while (!signal.aborted && this.deps.clock.now() < until) {
      try {
        await this.tick();
      } catch (error) {
        // Nothing was checkpointed; the next sample carries on from the last one that was.
        this.deps.logger.error('sample failed', { error: String(error) });
      }
      await this.deps.clock.sleep(interval, signal);
    }
  }

  /** Refreshes the notice, the organization's collection settings and the screenshot policy. */
  async refreshFromServer(): Promise<void> {
    await this.notice.refresh();
    if (this.api === null) return;
    await this.screenshots.refreshPolicy();
    try {
      const policy = await this.api.getCollectionPolicy();
      this.deps.spool.set('policy', policy === null ? null : JSON.stringify(policy));
      this.applyPolicy();
      // The server answered this device: its organization is open (again).
      this.setOrganizationClosed(false);
    } catch (error) {
      if (error instanceof ApiError && error.problem === 'organization-closed') {
        this.setOrganizationClosed(true);
        return;
      }
      this.deps.logger.warn('collection settings not fetched', { error: String(error) });
    }
  }

  /** Now and then: a new notice version needs a new acknowledgement. */
  async watchServer(signal: AbortSignal, everyMs = 10 * 60_000): Promise<void> {
    const clock = this.deps.uploadClock ?? this.deps.clock;
    while (!signal.aborted) {
      await this.refreshFromServer();
      await clock.sleep(everyMs, signal);
    }
  }

  private setOrganizationClosed(closed: boolean): void {
    if ((this.deps.spool.get(ORGANIZATION_CLOSED_KEY) !== null) === closed) return;
    this.deps.spool.set(
      ORGANIZATION_CLOSED_KEY,
      closed ? new Date(this.deps.clock.now()).toISOString() : null,
    );
    this.deps.logger.warn(
      closed
        ? 'the organization is closed: recording stopped'
        : 'the organization is open again: recording resumes',
      {},
    );
  }

  private applyPolicy(): void {
    const raw = this.deps.spool.get('policy');
    const policy = raw === null ? null : (JSON.parse(raw) as CollectionPolicy);
    this.privacy = new PrivacyFilter(effectivePrivacy(this.deps.config.privacy, policy));
  }

  private async observe(at: number): Promise<Observation> {
    if (this.trackingState(at) !== 'tracking') return { at, state: null };
    const { idleThresholdSeconds } = this.deps.config.sampling;
    const idleSeconds = await this.deps.idle.idleSeconds().catch(() => 0);
    if (idleSeconds >= idleThresholdSeconds) {
      const measured = Math.round(at - idleSeconds * 1000);
      // The same idle period measured again: keep its first start, so that a few milliseconds of
      // jitter do not cut the span before it once more.
      const interval = this.deps.config.sampling.intervalSeconds * 1000;
      if (this.idleSince === null || Math.abs(measured - this.idleSince) > interval) {
        this.idleSince = measured;
      }
      return { at, state: { kind: 'idle' }, idleSince: this.idleSince };
    }
    this.idleSince = null;
    const activity = await this.deps.activity.current().catch(() => null);
    return { at, state: this.privacy.apply(activity) };
  }

  private rebuildApi(): void {
    const { serverUrl } = this.deps.config;
    this.api =
      serverUrl && this.deviceToken
        ? new AgentApi(serverUrl, this.deps.transport, () => Promise.resolve(this.deviceToken))
        : null;
  }
}
