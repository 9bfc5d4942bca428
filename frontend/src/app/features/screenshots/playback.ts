import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  untracked,
} from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import { RouterLink } from '@angular/router';
import type { Employee, Screenshot, ScreenshotList, Timeline } from '@app/api/models';
import { api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { blobImages } from '@app/shared/data/blob-images';
import { isoDay } from '@app/shared/data/dates';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { placeOnDay } from './day-screenshots';
import { dayQuery, spanAt } from './screenshot-time';

const imagePath = (s: Screenshot) => `/screenshots/${s.id}/image`;
const thumbPath = (s: Screenshot) => `/screenshots/${s.id}/thumbnail`;

/** Steps through one employee's captures of a day, with what was in front at each moment. */
@Component({
  selector: 'ctx-screenshot-playback',
  imports: [
    MatIconButton,
    MatCard,
    MatCardContent,
    MatIcon,
    MatSlider,
    MatSliderThumb,
    RouterLink,
    TranslatePipe,
    AsyncState,
    WhenReady,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <a
          mat-icon-button
          [routerLink]="['/reports/timeline', employeeId()]"
          [queryParams]="{ day: currentDay() }"
          [attr.aria-label]="'screenshots.back' | t"
        >
          <mat-icon>arrow_back</mat-icon>
        </a>
        <h1>
          {{ employee.data()?.fullName ?? ('screenshots.playback' | t) }}
          <span class="muted">· {{ fmt.day(currentDay()) }}</span>
        </h1>
      </header>

      <mat-card appearance="outlined">
        <mat-card-content>
          <ctx-async-state
            [view]="list"
            [empty]="shots().length === 0"
            [emptyText]="'screenshots.none' | t"
            emptyIcon="hide_image"
          >
            <ng-template ctxWhenReady>
              @if (current(); as c) {
                <div
                  class="viewer"
                  tabindex="0"
                  role="group"
                  [attr.aria-label]="'screenshots.playback' | t"
                  [attr.aria-describedby]="'playback-keys'"
                  (keydown)="onKey($event)"
                  data-testid="playback"
                >
                  <figure>
                    @if (shown(); as s) {
                      <img
                        [src]="s.url"
                        [class.thumbnail]="s.thumbnail"
                        [attr.alt]="
                          (s.thumbnail ? 'screenshots.altThumbnail' : 'screenshots.alt')
                            | t: { time: c.time }
                        "
                        data-testid="playback-image"
                      />
                    } @else if (failed()) {
                      <p class="muted frame">{{ 'screenshots.imageFailed' | t }}</p>
                    } @else {
                      <div class="frame" aria-hidden="true"></div>
                    }
                    <figcaption aria-live="polite" data-testid="playback-position">
                      {{
                        'screenshots.position'
                          | t: { index: index() + 1, count: shots().length, time: c.time }
                      }}
                    </figcaption>
                  </figure>
                  @if (thumbnailOnly()) {
                    <p class="notice" data-testid="thumbnail-note">
                      {{ 'screenshots.thumbnailOnly' | t }}
                    </p>
                  }
                  <div class="span" data-testid="playback-span">
                    @if (span(); as s) {
                      @if (s.kind === 'active') {
                        <span class="chip" [class]="'chip ' + (s.productivity ?? 'neutral')">
                          {{ 'productivity.' + (s.productivity ?? 'neutral') | t }}
                        </span>
                        <strong>{{ s.app || '—' }}</strong>
                        @if (s.site) {
                          <span> · {{ s.site }}</span>
                        }
                        @if (s.title) {
                          <span class="muted"> · {{ s.title }}</span>
                        }
                      } @else {
                        <span>{{ 'reports.kinds.idle' | t }}</span>
                      }
                      <span class="muted">
                        ({{ fmt.timeRangeIn(s.start, s.end, timeline()?.timeZone) }})</span
                      >
                    } @else {
                      <span class="muted">{{ 'screenshots.noSpan' | t }}</span>
                    }
                  </div>
                  <div class="controls">
                    <button
                      mat-icon-button
                      (click)="go(0)"
                      [disabled]="index() === 0"
                      [attr.aria-label]="'screenshots.first' | t"
                    >
                      <mat-icon>first_page</mat-icon>
                    </button>
                    <button
                      mat-icon-button
                      (click)="go(index() - 1)"
                      [disabled]="index() === 0"
                      [attr.aria-label]="'screenshots.previous' | t"
                    >
                      <mat-icon>chevron_left</mat-icon>
                    </button>
                    <mat-slider
                      class="scrubber"
                      [min]="1"
                      [max]="shots().length"
                      [step]="1"
                      [disabled]="shots().length < 2"
                      discrete
                    >
                      <input
                        matSliderThumb
                        [value]="index() + 1"
                        (valueChange)="go($event - 1)"
                        [attr.aria-label]="'screenshots.scrubber' | t"
                        [attr.aria-valuetext]="
                          'screenshots.position'
                            | t: { index: index() + 1, count: shots().length, time: c.time }
                        "
                        data-testid="scrubber"
                      />
                    </mat-slider>
                    <button
                      mat-icon-button
                      (click)="go(index() + 1)"
                      [disabled]="index() >= shots().length - 1"
                      [attr.aria-label]="'screenshots.next' | t"
                    >
                      <mat-icon>chevron_right</mat-icon>
                    </button>
                    <button
                      mat-icon-button
                      (click)="go(shots().length - 1)"
                      [disabled]="index() >= shots().length - 1"
                      [attr.aria-label]="'screenshots.last' | t"
                    >
                      <mat-icon>last_page</mat-icon>
                    </button>
                  </div>
                  <p id="playback-keys" class="muted hint">{{ 'screenshots.keys' | t }}</p>
                </div>
              }
            </ng-template>
          </ctx-async-state>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    .viewer {
      display: flex;
      flex-direction: column;
      gap: 8px;
      border-radius: 8px;
    }
    .viewer:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 4px;
    }
    figure {
      margin: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
    }
    img,
    .frame {
      max-width: 100%;
      max-height: 70vh;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
    }
    .frame {
      width: 100%;
      aspect-ratio: 16 / 9;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    img.thumbnail {
      width: 640px;
      image-rendering: auto;
    }
    figcaption {
      font: var(--mat-sys-title-small);
    }
    .span {
      min-height: 24px;
    }
    .controls {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .scrubber {
      flex: 1;
    }
    .hint {
      font: var(--mat-sys-body-small);
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScreenshotPlayback {
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  readonly employeeId = input.required<string>();
  readonly day = input<string>();
  /** A capture to start at (from a thumbnail on the day). */
  readonly at = input<string>();
  protected readonly images = blobImages();

  protected readonly currentDay = computed(() => this.day() ?? isoDay(new Date()));

  private readonly employeeRef = httpResource<Employee>(() =>
    api(`/employees/${this.employeeId()}`),
  );
  private readonly timelineRef = httpResource<Timeline>(() => ({
    url: api('/reports/timeline'),
    params: { employeeId: this.employeeId(), day: this.currentDay() },
  }));
  private readonly listRef = httpResource<ScreenshotList>(() => ({
    url: api('/screenshots'),
    params: { employeeId: this.employeeId(), ...dayQuery(this.currentDay()), limit: 500 },
  }));
  protected readonly employee = viewOf(this.employeeRef, this.i18n);
  protected readonly list = viewOf(this.listRef, this.i18n);
  protected readonly timeline = computed(() =>
    this.timelineRef.hasValue() ? this.timelineRef.value() : undefined,
  );

  protected readonly shots = computed(() => {
    const zone = this.timeline()?.timeZone;
    // Labels in the viewer's language, with the person's zone named when it is not the viewer's.
    return placeOnDay(this.list.data()?.items ?? [], this.currentDay(), zone).map((p) => ({
      ...p,
      time: this.fmt.timeIn(p.shot.capturedAt, zone),
    }));
  });
  protected readonly index = linkedSignal(() => {
    const at = this.at();
    const found = at ? this.shots().findIndex((p) => p.shot.id === at) : -1;
    return Math.max(0, found);
  });
  protected readonly current = computed(() => this.shots()[this.index()] ?? null);
  protected readonly span = computed(() => {
    const c = this.current();
    return c ? spanAt(this.timeline()?.spans ?? [], c.shot.capturedAt) : null;
  });

  /** Only a thumbnail is kept: by the capture's own level, or the image answered 404. */
  protected readonly thumbnailOnly = computed(() => {
    const c = this.current();
    if (!c) return false;
    return (
      c.shot.blur === 'thumbnails' || this.images.state(imagePath(c.shot))?.status === 'missing'
    );
  });
  protected readonly shown = computed(() => {
    const c = this.current();
    if (!c) return null;
    if (this.thumbnailOnly()) {
      const url = this.images.url(thumbPath(c.shot));
      return url ? { url, thumbnail: true } : null;
    }
    const url = this.images.url(imagePath(c.shot));
    return url ? { url, thumbnail: false } : null;
  });
  protected readonly failed = computed(() => {
    const c = this.current();
    if (!c) return false;
    const path = this.thumbnailOnly() ? thumbPath(c.shot) : imagePath(c.shot);
    const status = this.images.state(path)?.status;
    return status === 'failed' || status === 'missing';
  });

  constructor() {
    // Keep the one shown and the next (prefetched); every other object URL is revoked.
    effect(() => {
      const shots = this.shots();
      const i = this.index();
      const wanted = [shots[i], shots[i + 1]]
        .filter((p) => p !== undefined)
        .map((p) => this.pathFor(p.shot));
      untracked(() => {
        this.images.keepOnly(wanted);
        for (const path of wanted) this.images.load(path);
      });
    });
  }

  /** The image, or the thumbnail where only that is kept (known from the list or a 404). */
  private pathFor(shot: Screenshot): string {
    if (shot.blur === 'thumbnails') return thumbPath(shot);
    return this.images.state(imagePath(shot))?.status === 'missing'
      ? thumbPath(shot)
      : imagePath(shot);
  }

  protected go(index: number): void {
    const count = this.shots().length;
    if (count === 0) return;
    this.index.set(Math.min(count - 1, Math.max(0, index)));
  }

  protected onKey(event: KeyboardEvent): void {
    // The slider handles its own arrows.
    if (event.target instanceof HTMLInputElement) return;
    const steps: Record<string, number | undefined> = {
      ArrowLeft: this.index() - 1,
      ArrowRight: this.index() + 1,
      Home: 0,
      End: this.shots().length - 1,
    };
    const target = steps[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.go(target);
  }
}
