import { randomUUID } from 'node:crypto';
import { ApiError } from '../api-client.js';
import type {
  ActivitySource,
  Clock,
  IdleSource,
  Logger,
  ScreenCapture,
  ScreenshotStore,
  SpooledScreenshot,
  StateStore,
} from '../ports.js';
import type { EpochMs } from '../types.js';
import { encodeJpeg } from './jpeg.js';
import { CaptureExclusions, SCREENSHOTS_OFF, type ScreenshotPolicy } from './policy.js';
import { downscale } from './raster.js';
import { CaptureSchedule } from './schedule.js';

/** The server takes images up to 5 MB. */
const MAX_IMAGE_BYTES = 5_000_000;
/** How long `list` shows screenshots (and their deletion is offered) after capture. */
export const SCREENSHOT_LIST_DAYS = 7;
const POLICY_KEY = 'screenshots.policy';
/** A time within the last interval given up on (no moment in it found the person working). */
const GIVEN_UP_KEY = 'screenshots.givenUpAt';
/** Skips worth trying again later in the interval; the others end it. */
const RETRYABLE = new Set([
  'not-tracking',
  'notice-not-acknowledged',
  'idle',
  'excluded',
  'no-image',
]);

export interface ScreenshotApi {
  getScreenshotPolicy(): Promise<ScreenshotPolicy>;
  deleteScreenshot(id: string): Promise<void>;
}

/** Why a capture moment passed without a capture, or the capture made. */
export type CaptureOutcome =
  | { kind: 'captured'; shot: SpooledScreenshot }
  | {
      kind: 'skipped';
      reason:
        | 'no-screen'
        | 'disabled'
        | 'not-tracking'
        | 'notice-not-acknowledged'
        | 'idle'
        | 'excluded'
        | 'no-image';
      detail?: string;
    };

export type DeleteOutcome =
  | { ok: true; where: 'spool' | 'server' }
  | { ok: false; reason: 'unknown' | 'window-passed' | 'offline'; detail: string };

export interface ScreenshotDependencies {
  store: ScreenshotStore & StateStore;
  /** Null where the platform offers no capture (Wayland, no display): nothing is ever taken. */
  screen: ScreenCapture | null;
  clock: Clock;
  activity: ActivitySource;
  idle: IdleSource;
  idleThresholdSeconds: () => number;
  /** `tracking` when the agent records at all (enrolled, notice acknowledged, not paused, …). */
  trackingState: (at: EpochMs) => string;
  /** The notice version this person acknowledged, if any. */
  acknowledgedNotice: () => string | null;
  /** The device's own privacy lists, added to the organization's. */
  localExclusions: () => { apps: string[]; sites: string[] };
  api: () => ScreenshotApi | null;
  logger: Logger;
  /** The person is told at each capture (a log line, a notification). */
  onCaptured?: (shot: SpooledScreenshot) => void;
  random?: () => number;
  newId?: () => string;
}

/**
 * Screenshots, off unless the server's policy enables them: at each scheduled moment, a capture is
 * taken only while the agent records (enrolled, notice acknowledged, not paused, within work hours,
 * not suspended), the person is not idle, and nothing excluded is in front. A moment that fails
 * any of these is skipped, not moved. Images are downscaled, encoded as JPEG and spooled durably.
 */
export class Screenshots {
  private readonly schedule: CaptureSchedule;
  private readonly newId: () => string;

  constructor(private readonly deps: ScreenshotDependencies) {
    this.schedule = new CaptureSchedule(deps.random ?? Math.random);
    this.newId = deps.newId ?? randomUUID;
  }

  policy(): ScreenshotPolicy {
    const raw = this.deps.store.get(POLICY_KEY);
    return raw === null ? { ...SCREENSHOTS_OFF } : (JSON.parse(raw) as ScreenshotPolicy);
  }

  /** Asks the server; on failure the last known policy stays (off if none was ever known). */
  async refreshPolicy(): Promise<void> {
    const api = this.deps.api();
    if (api === null) return;
    try {
      const policy = await api.getScreenshotPolicy();
      const before = this.policy();
      this.deps.store.set(POLICY_KEY, JSON.stringify(policy));
      if (before.enabled !== policy.enabled) {
        this.deps.logger.info(policy.enabled ? 'screenshots on' : 'screenshots off', {
          reason: policy.reason,
          intervalSeconds: policy.intervalSeconds,
          randomize: policy.randomize,
        });
      }
    } catch (error) {
      this.deps.logger.warn('screenshot policy not fetched; keeping what is known', {
        error: String(error),
      });
    }
  }

  /** Turns screenshots off at once (the server refused one as disabled), then asks again. */
  async disabledByServer(): Promise<void> {
    this.deps.store.set(POLICY_KEY, JSON.stringify({ ...this.policy(), enabled: false }));
    await this.refreshPolicy();
  }

  /** One capture moment: every gate checked now, against what is in front now. */
  async attempt(): Promise<CaptureOutcome> {
    const at = this.deps.clock.now();
    const policy = this.policy();
    if (this.deps.screen === null) return { kind: 'skipped', reason: 'no-screen' };
    if (!policy.enabled) return { kind: 'skipped', reason: 'disabled', detail: policy.reason };
    const state = this.deps.trackingState(at);
    if (state !== 'tracking') return { kind: 'skipped', reason: 'not-tracking', detail: state };
    if (
      policy.noticeVersion !== undefined &&
      this.deps.acknowledgedNotice() !== String(policy.noticeVersion)
    ) {
      return { kind: 'skipped', reason: 'notice-not-acknowledged' };
    }
    // Input that cannot be measured is not taken for activity.
    const idleSeconds = await this.deps.idle.idleSeconds().catch(() => Number.POSITIVE_INFINITY);
    if (idleSeconds >= this.deps.idleThresholdSeconds()) return { kind: 'skipped', reason: 'idle' };
    const local = this.deps.localExclusions();
    const exclusions = new CaptureExclusions(
      [...policy.excludedApps, ...local.apps],
      [...policy.excludedSites, ...local.sites],
    );
    // What is in front that cannot be read cannot be checked against the exclusions: no capture.
    const inFront = (): Promise<string | null> =>
      this.deps.activity.current().then(
        (activity) => exclusions.excludes(activity),
        () => 'what is in front could not be read',
      );
    const excluded = await inFront();
    if (excluded !== null) return { kind: 'skipped', reason: 'excluded', detail: excluded };
    const image = await this.deps.screen.capture();
    if (image === null) return { kind: 'skipped', reason: 'no-image' };
    // What is in front may have changed while the screen was read: asked again, to be sure.
    const excludedAfter = await inFront();
    if (excludedAfter !== null) {
      return { kind: 'skipped', reason: 'excluded', detail: excludedAfter };
    }
    const scaled = downscale(image, policy.maxWidth);
    let jpeg = encodeJpeg(scaled, policy.quality);
    if (jpeg.length > MAX_IMAGE_BYTES) jpeg = encodeJpeg(scaled, Math.min(policy.quality, 40));
    const id = this.newId();
    const dropped = this.deps.store.addScreenshot({
      id,
      capturedAt: at,
      width: scaled.width,
      height: scaled.height,
      jpeg,
    });
    if (dropped.length > 0) {
      this.deps.logger.warn('screenshot spool full: the oldest unsent screenshots were dropped', {
        dropped,
      });
    }
    const shot = this.deps.store.getScreenshot(id);
    if (shot === null) return { kind: 'skipped', reason: 'no-image', detail: 'spool full' };
    this.deps.onCaptured?.(shot);
    return { kind: 'captured', shot };
  }

  /**
   * Captures once per interval until `signal` aborts or the clock reaches `until`: at the planned
   * moment, or, when that moment found the person away, at a later one in the same interval (tried
   * every `recheckMs`; randomized: drawn in what is left). The policy is looked at again at least
   * every `recheckMs`, so a change applies within that time.
   */
  async run(
    signal: AbortSignal,
    until = Number.POSITIVE_INFINITY,
    recheckMs = 60_000,
  ): Promise<void> {
    const { clock, store, logger } = this.deps;
    let loggedSlot: number | null = null;
    while (!signal.aborted && clock.now() < until) {
      const now = clock.now();
      const policy = this.policy();
      if (!policy.enabled || this.deps.screen === null) {
        await clock.sleep(Math.min(recheckMs, until - now), signal);
        continue;
      }
      const interval = policy.intervalSeconds * 1000;
      const plan = this.schedule.next(policy, now, this.lastSlot(interval, now));
      if (now < plan.at) {
        await clock.sleep(Math.min(plan.at - now, recheckMs, until - now), signal);
        continue;
      }
      let outcome: CaptureOutcome | null = null;
      try {
        outcome = await this.attempt();
      } catch (error) {
        logger.error('screenshot failed', { error: String(error) });
      }
      store.pruneScreenshots(clock.now() - SCREENSHOT_LIST_DAYS * 86_400_000);
      if (outcome?.kind === 'captured') continue;
      const retry =
        outcome === null || RETRYABLE.has(outcome.reason)
          ? this.schedule.postpone(policy, plan.slot, now, recheckMs)
          : null;
      if (retry === null) store.set(GIVEN_UP_KEY, String(plan.slot * interval));
      if (outcome !== null && loggedSlot !== plan.slot) {
        loggedSlot = plan.slot;
        logger.info('screenshot moment skipped', {
          reason: outcome.reason,
          ...(outcome.detail ? { detail: outcome.detail } : {}),
          retry: retry === null ? null : new Date(retry).toISOString(),
        });
      }
    }
  }

  /** The last interval done: one with a screenshot in it (durably, with it), or given up on. */
  private lastSlot(interval: number, now: EpochMs): number | null {
    const newest = this.deps.store.listScreenshots(now - 2 * interval)[0]?.capturedAt;
    const givenUp = this.deps.store.get(GIVEN_UP_KEY);
    const slots = [newest, givenUp === null ? undefined : Number(givenUp)]
      .filter((t): t is number => t !== undefined && Number.isFinite(t))
      .map((t) => Math.floor(t / interval));
    return slots.length === 0 ? null : Math.max(...slots);
  }

  /** The person's own screenshots of the last days, newest first. */
  list(): SpooledScreenshot[] {
    return this.deps.store.listScreenshots(
      this.deps.clock.now() - SCREENSHOT_LIST_DAYS * 86_400_000,
    );
  }

  /**
   * The person deletes one of their screenshots: from the spool when it has not been sent (it then
   * never is), else on the server (`DELETE /agent/screenshots/{id}`, within the window it allows).
   */
  async delete(id: string): Promise<DeleteOutcome> {
    const { store } = this.deps;
    const shot = store.getScreenshot(id);
    if (shot?.state === 'deleted') return { ok: true, where: shot.uploadedAt ? 'server' : 'spool' };
    if (shot?.state === 'queued') {
      store.markScreenshotDeleted(id);
      return { ok: true, where: 'spool' };
    }
    const api = this.deps.api();
    if (api === null) return { ok: false, reason: 'offline', detail: 'not enrolled' };
    try {
      await api.deleteScreenshot(id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return { ok: false, reason: 'unknown', detail: 'the server has no such screenshot' };
      }
      if (error instanceof ApiError && error.status === 409) {
        return {
          ok: false,
          reason: 'window-passed',
          detail: 'the time to delete it has passed',
        };
      }
      return { ok: false, reason: 'offline', detail: String(error) };
    }
    if (shot !== null) store.markScreenshotDeleted(id);
    return { ok: true, where: 'server' };
  }
}
