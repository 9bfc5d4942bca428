import type { ActivitySource, Clock, ForegroundActivity, IdleSource } from '../ports.js';

/** One stretch of a scripted day. `off`: the machine sleeps (no samples). */
export interface ScriptSegment {
  seconds: number;
  kind: 'active' | 'idle' | 'off';
  app?: string;
  title?: string;
  url?: string;
}

export interface ActivityScript {
  start: string;
  segments: ScriptSegment[];
}

interface Placed extends ScriptSegment {
  from: number;
  to: number;
}

/** A scripted day for tests and demos: what is in front, and since when there was no input. */
export class ScriptedTimeline implements ActivitySource, IdleSource {
  readonly start: number;
  readonly end: number;
  private readonly placed: Placed[];

  constructor(
    script: ActivityScript,
    private readonly clock: Clock,
  ) {
    this.start = Date.parse(script.start);
    if (Number.isNaN(this.start)) throw new Error('script.start is not a date');
    let at = this.start;
    this.placed = script.segments.map((segment) => {
      if (!(segment.seconds > 0)) throw new Error('every segment needs seconds > 0');
      const placed = { ...segment, from: at, to: at + segment.seconds * 1000 };
      at = placed.to;
      return placed;
    });
    this.end = at;
  }

  segmentAt(at: number): Placed | null {
    return this.placed.find((s) => at >= s.from && at < s.to) ?? null;
  }

  isOff(at: number): boolean {
    const segment = this.segmentAt(at);
    return segment === null || segment.kind === 'off';
  }

  current(): Promise<ForegroundActivity | null> {
    const now = this.clock.now();
    const index = this.placed.findIndex((s) => now >= s.from && now < s.to);
    // While idle the last active window stays in front.
    for (let i = index; i >= 0; i -= 1) {
      const s = this.placed[i]!;
      if (s.kind === 'active' && s.app !== undefined) {
        const activity: ForegroundActivity = { app: s.app };
        if (s.title !== undefined) activity.title = s.title;
        if (s.url !== undefined) activity.url = s.url;
        return Promise.resolve(activity);
      }
    }
    return Promise.resolve(null);
  }

  idleSeconds(): Promise<number> {
    const now = this.clock.now();
    const segment = this.segmentAt(now);
    return Promise.resolve(segment?.kind === 'idle' ? Math.floor((now - segment.from) / 1000) : 0);
  }

  /** Seconds of each kind the script contains, what a report of this day must show. */
  totals(): { activeSeconds: number; idleSeconds: number } {
    let activeSeconds = 0;
    let idleSeconds = 0;
    for (const s of this.placed) {
      if (s.kind === 'active') activeSeconds += s.seconds;
      if (s.kind === 'idle') idleSeconds += s.seconds;
    }
    return { activeSeconds, idleSeconds };
  }
}
