import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type { Screenshot, ScreenshotList } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { blobImages } from '@app/shared/data/blob-images';
import { addDays, isoDay, parseDay } from '@app/shared/data/dates';
import { Ui } from '@app/shared/ui/confirm';
import { wallClock } from './screenshot-time';

const thumbPath = (s: Screenshot) => `/me/screenshots/${s.id}/thumbnail`;

/**
 * The employee's own captures of a day, with Delete. Shown when there are some or the notice in
 * force covers screenshots; otherwise it says they are off.
 */
@Component({
  selector: 'ctx-my-screenshots',
  imports: [MatButton, MatIconButton, MatIcon, TranslatePipe],
  template: `
    <div class="head">
      <button mat-icon-button (click)="shift(-1)" [attr.aria-label]="'reports.prevDay' | t">
        <mat-icon>chevron_left</mat-icon>
      </button>
      <span data-testid="my-screenshots-day">{{ fmt.day(day()) }}</span>
      <button
        mat-icon-button
        (click)="shift(1)"
        [disabled]="day() >= today"
        [attr.aria-label]="'reports.nextDay' | t"
      >
        <mat-icon>chevron_right</mat-icon>
      </button>
    </div>
    @if (!shown()) {
      <p class="muted" data-testid="screenshots-off">{{ 'screenshots.off' | t }}</p>
    } @else {
      <p class="muted">{{ 'screenshots.mineIntro' | t }}</p>
      @if (error(); as message) {
        <p class="notice" role="alert" data-testid="my-screenshots-error">{{ message }}</p>
      }
      @if (items().length === 0) {
        <p class="muted">{{ 'screenshots.none' | t }}</p>
      } @else {
        <ul class="grid" data-testid="my-screenshots">
          @for (item of items(); track item.shot.id) {
            <li>
              @if (images.url(thumb(item.shot)); as src) {
                <img [src]="src" [attr.alt]="'screenshots.altThumbnail' | t: { time: item.time }" />
              } @else {
                <span class="placeholder" aria-hidden="true"></span>
              }
              <div class="meta">
                <span>{{ item.time }}</span>
                <button
                  mat-button
                  (click)="remove(item.shot, item.time)"
                  [disabled]="deleting() === item.shot.id"
                  [attr.aria-label]="'screenshots.deleteLabel' | t: { time: item.time }"
                >
                  <mat-icon>delete</mat-icon>
                  {{ 'screenshots.delete' | t }}
                </button>
              </div>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .grid {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
      gap: 12px;
    }
    img,
    .placeholder {
      display: block;
      width: 100%;
      aspect-ratio: 16 / 9;
      object-fit: cover;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
    }
    .meta {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyScreenshots {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly images = blobImages();
  protected readonly today = isoDay(new Date());
  protected readonly day = signal(this.today);
  protected readonly deleting = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  // The browser's day: an employee looks at their own screen's day where they are.
  private readonly listRef = httpResource<ScreenshotList>(() => {
    const from = parseDay(this.day());
    return {
      url: api('/me/screenshots'),
      params: {
        from: from.toISOString(),
        to: addDays(from, 1).toISOString(),
        limit: 500,
      },
    };
  });

  protected readonly items = computed(() =>
    (this.listRef.hasValue() ? (this.listRef.value()?.items ?? []) : []).map((shot) => ({
      shot,
      time: wallClock(shot.capturedAt).time,
    })),
  );
  // An employee cannot read the settings, and asking for the notice answers 404 when there is
  // none: the list itself says whether there is anything to show.
  protected readonly shown = computed(() => this.items().length > 0);

  constructor() {
    effect(() => {
      const paths = this.items().map((i) => thumbPath(i.shot));
      untracked(() => {
        this.images.keepOnly(paths);
        for (const path of paths) this.images.load(path);
      });
    });
  }

  protected thumb(shot: Screenshot): string {
    return thumbPath(shot);
  }

  protected shift(days: number): void {
    const next = isoDay(addDays(parseDay(this.day()), days));
    if (next <= this.today) {
      this.error.set(null);
      this.day.set(next);
    }
  }

  protected async remove(shot: Screenshot, time: string): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('screenshots.confirmDelete'))) return;
    this.deleting.set(shot.id);
    this.error.set(null);
    try {
      await this.api.delete(`/me/screenshots/${shot.id}`);
      this.ui.notify(this.i18n.t('screenshots.deleted'));
      this.listRef.reload();
    } catch (error) {
      // 409 delete-window-passed: the server's sentence says how long the window is.
      this.error.set(`${time}: ${describeError(error, this.i18n)}`);
    } finally {
      this.deleting.set(null);
    }
  }
}
