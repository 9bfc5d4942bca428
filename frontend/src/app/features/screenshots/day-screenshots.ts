import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Screenshot, ScreenshotList } from '@app/api/models';
import { api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { blobImages } from '@app/shared/data/blob-images';
import { dayQuery, wallClock } from './screenshot-time';

const DAY_SECONDS = 24 * 3600;

export interface PlacedScreenshot {
  shot: Screenshot;
  time: string;
  left: number;
}

/** The day's captures in the employee's zone, oldest first, with their place on a 24-hour strip. */
export function placeOnDay(
  items: readonly Screenshot[],
  day: string,
  timeZone?: string,
): PlacedScreenshot[] {
  return items
    .map((shot) => ({ shot, wall: wallClock(shot.capturedAt, timeZone) }))
    .filter(({ wall }) => wall.day === day)
    .sort((a, b) => a.shot.capturedAt.localeCompare(b.shot.capturedAt))
    .map(({ shot, wall }) => ({
      shot,
      time: wall.time,
      left: (wall.seconds / DAY_SECONDS) * 100,
    }));
}

/**
 * Thumbnails of one employee's day under its timeline: marks at their times on the strip and a row
 * of thumbnails, each opening the playback there. Nothing at all when there are none or the caller
 * may not see them (403/404).
 */
@Component({
  selector: 'ctx-day-screenshots',
  imports: [MatButton, MatIcon, RouterLink, TranslatePipe],
  template: `
    @if (placed().length) {
      <section
        class="shots"
        [attr.aria-label]="'screenshots.title' | t"
        data-testid="day-screenshots"
      >
        <div class="marks" aria-hidden="true">
          @for (p of placed(); track p.shot.id) {
            <span class="mark" [style.left.%]="p.left" [attr.title]="p.time"></span>
          }
        </div>
        <div class="head">
          <span class="muted">
            {{ 'screenshots.thumbnailsLabel' | t: { count: placed().length } }}
          </span>
          <a mat-stroked-button [routerLink]="playbackLink()" [queryParams]="{ day: day() }">
            <mat-icon>slideshow</mat-icon>
            {{ 'screenshots.play' | t }}
          </a>
        </div>
        <ul class="row">
          @for (p of placed(); track p.shot.id) {
            <li>
              <a
                class="thumb"
                [routerLink]="playbackLink()"
                [queryParams]="{ day: day(), at: p.shot.id }"
                [attr.aria-label]="'screenshots.open' | t: { time: p.time }"
              >
                @if (images.url(thumbPath(p.shot)); as src) {
                  <img [src]="src" [attr.alt]="'screenshots.altThumbnail' | t: { time: p.time }" />
                } @else {
                  <span class="placeholder" aria-hidden="true"></span>
                }
                <span class="time">{{ p.time }}</span>
              </a>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .marks {
      position: relative;
      height: 8px;
      margin-top: -16px;
      margin-bottom: 12px;
    }
    .mark {
      position: absolute;
      width: 2px;
      height: 8px;
      background: var(--mat-sys-tertiary);
      transform: translateX(-1px);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    .row {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      list-style: none;
      margin: 0 0 16px;
      padding: 0 0 4px;
    }
    .thumb {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      text-decoration: none;
      color: inherit;
      border-radius: 4px;
    }
    .thumb:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    img,
    .placeholder {
      display: block;
      width: 120px;
      height: 68px;
      object-fit: cover;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
    }
    .time {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DayScreenshots {
  readonly employeeId = input.required<string>();
  readonly day = input.required<string>();
  readonly timeZone = input<string>();
  private readonly fmt = inject(Format);
  protected readonly images = blobImages();

  private readonly listRef = httpResource<ScreenshotList>(() => ({
    url: api('/screenshots'),
    params: { employeeId: this.employeeId(), ...dayQuery(this.day()), limit: 500 },
  }));

  protected readonly placed = computed(() => {
    // 403 (employees) and 404 (out of scope) show nothing, as does an error.
    const list = this.listRef.hasValue() ? this.listRef.value() : undefined;
    if (!list) return [];
    const zone = this.timeZone();
    // Labels in the viewer's language, with the person's zone named when it is not the viewer's.
    return placeOnDay(list.items, this.day(), zone).map((p) => ({
      ...p,
      time: this.fmt.timeIn(p.shot.capturedAt, zone),
    }));
  });
  protected readonly playbackLink = computed(() => [
    '/reports/timeline',
    this.employeeId(),
    'playback',
  ]);

  constructor() {
    effect(() => {
      const paths = this.placed().map((p) => this.thumbPath(p.shot));
      untracked(() => {
        this.images.keepOnly(paths);
        for (const path of paths) this.images.load(path);
      });
    });
  }

  protected thumbPath(shot: Screenshot): string {
    return `/screenshots/${shot.id}/thumbnail`;
  }
}
