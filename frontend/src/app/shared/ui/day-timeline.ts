import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { TimelineSpan } from '@app/api/models';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';

const DAY_SECONDS = 24 * 3600;

/** Seconds since midnight in the offset the API wrote the time in (the employee's zone). */
function wallSeconds(iso: string): number {
  const match = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (!match) return 0;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

/** One day as a 24-hour strip: active spans colored by productivity, idle spans hatched. */
@Component({
  selector: 'ctx-day-timeline',
  template: `
    <div class="strip" role="img" [attr.aria-label]="summary()">
      @for (block of blocks(); track $index) {
        <span
          class="block"
          [class]="'block ' + block.cls"
          [style.left.%]="block.left"
          [style.width.%]="block.width"
          [attr.title]="block.title"
        ></span>
      }
    </div>
    <div class="ticks" aria-hidden="true">
      @for (h of hours; track h) {
        <span [style.left.%]="(h / 24) * 100">{{ h }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      padding-bottom: 20px;
    }
    .strip {
      position: relative;
      height: 40px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      overflow: hidden;
    }
    .block {
      position: absolute;
      top: 0;
      bottom: 0;
      min-width: 1px;
    }
    .productive {
      background: var(--mat-sys-primary);
    }
    .neutral {
      background: var(--mat-sys-outline);
    }
    .unproductive {
      background: var(--mat-sys-error);
    }
    .idle {
      top: 14px;
      bottom: 14px;
      background: repeating-linear-gradient(
        45deg,
        var(--mat-sys-outline-variant) 0 4px,
        transparent 4px 8px
      );
    }
    .ticks {
      position: relative;
      height: 16px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .ticks span {
      position: absolute;
      transform: translateX(-50%);
      top: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DayTimeline {
  private readonly i18n = inject(I18n);
  private readonly fmt = inject(Format);
  readonly spans = input.required<TimelineSpan[]>();
  /** The zone the spans' times are in (the person's); named in the titles when not the viewer's. */
  readonly timeZone = input<string | null>();
  protected readonly hours = [0, 3, 6, 9, 12, 15, 18, 21];

  protected readonly blocks = computed(() =>
    this.spans().map((span) => {
      const start = wallSeconds(span.start);
      const sameDay = span.end.slice(0, 10) === span.start.slice(0, 10);
      const end = sameDay ? wallSeconds(span.end) : DAY_SECONDS;
      const cls = span.kind === 'idle' ? 'idle' : (span.productivity ?? 'neutral');
      const name = span.site || span.app || this.i18n.t('reports.idle');
      return {
        cls,
        left: (start / DAY_SECONDS) * 100,
        width: (Math.max(0, end - start) / DAY_SECONDS) * 100,
        title: `${this.when(span)} ${name}`,
      };
    }),
  );

  /** The wall times the API wrote (the person's), with their zone when one is given. */
  private when(span: TimelineSpan): string {
    const zone = this.timeZone();
    return zone
      ? this.fmt.timeRangeIn(span.start, span.end, zone)
      : `${span.start.slice(11, 16)}–${span.end.slice(11, 16)}`;
  }

  protected readonly summary = computed(() =>
    this.i18n.t('reports.timelineSummary', { count: this.spans().length }),
  );
}
