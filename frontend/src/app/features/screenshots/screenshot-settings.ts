import { type HttpErrorResponse, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type {
  BlurLevel,
  Page,
  ScreenshotSettings,
  ScreenshotSettingsOverview,
  Team,
} from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { describeError, isProblem } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** The form's own shape: minutes and one name a line, as people type them. */
interface Draft {
  enabled: boolean;
  intervalMinutes: number;
  randomize: boolean;
  blur: BlurLevel;
  excludedApps: string;
  excludedSites: string;
  retentionDays: number;
  deleteWindowHours: number;
}

const DEFAULTS: ScreenshotSettings = {
  enabled: false,
  intervalSeconds: 600,
  randomize: false,
  blur: 'none',
  excludedApps: [],
  excludedSites: [],
  retentionDays: 30,
  deleteWindowHours: 24,
};

function draftOf(s: ScreenshotSettings): Draft {
  return {
    enabled: s.enabled,
    intervalMinutes: Math.round(s.intervalSeconds / 60),
    randomize: s.randomize,
    blur: s.blur,
    excludedApps: s.excludedApps.join('\n'),
    excludedSites: s.excludedSites.join('\n'),
    retentionDays: s.retentionDays,
    deleteWindowHours: s.deleteWindowHours,
  };
}

function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

export function settingsOf(d: Draft): ScreenshotSettings {
  return {
    enabled: d.enabled,
    intervalSeconds: Math.round(Number(d.intervalMinutes) * 60),
    randomize: d.randomize,
    blur: d.blur,
    excludedApps: lines(d.excludedApps),
    excludedSites: lines(d.excludedSites),
    retentionDays: Math.round(Number(d.retentionDays)),
    deleteWindowHours: Math.round(Number(d.deleteWindowHours)),
  };
}

/** HR's screenshot settings: the organization's, or one team's own. */
@Component({
  selector: 'ctx-screenshot-settings',
  imports: [
    FormsModule,
    MatButton,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    MatSlideToggle,
    TranslatePipe,
    AsyncState,
    WhenReady,
  ],
  template: `
    <p class="muted">{{ 'screenshots.settingsIntro' | t }}</p>
    <ctx-async-state [view]="overview">
      <ng-template ctxWhenReady>
        <form class="form" (ngSubmit)="save()" data-testid="screenshot-settings">
          <mat-form-field appearance="outline" class="full">
            <mat-label>{{ 'screenshots.scope' | t }}</mat-label>
            <mat-select name="scope" [value]="scope()" (selectionChange)="scope.set($event.value)">
              <mat-option value="">{{ 'screenshots.organization' | t }}</mat-option>
              @for (team of teams(); track team.id) {
                <mat-option [value]="team.id">{{ team.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (scope()) {
            <p class="muted">
              {{ (teamHasOwn() ? 'screenshots.teamOwn' : 'screenshots.teamInherits') | t }}
            </p>
          }
          <mat-slide-toggle
            name="enabled"
            [ngModel]="draft().enabled"
            (ngModelChange)="patch('enabled', $event)"
          >
            {{ 'screenshots.enabled' | t }}
          </mat-slide-toggle>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.interval' | t }}</mat-label>
              <input
                matInput
                type="number"
                name="interval"
                min="1"
                max="1440"
                required
                [ngModel]="draft().intervalMinutes"
                (ngModelChange)="patch('intervalMinutes', $event)"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.blur' | t }}</mat-label>
              <mat-select
                name="blur"
                [ngModel]="draft().blur"
                (ngModelChange)="patch('blur', $event)"
              >
                @for (level of blurLevels; track level) {
                  <mat-option [value]="level">{{
                    'screenshots.blurLevels.' + level | t
                  }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          </div>
          <mat-slide-toggle
            name="randomize"
            [ngModel]="draft().randomize"
            (ngModelChange)="patch('randomize', $event)"
          >
            {{ 'screenshots.randomize' | t }}
          </mat-slide-toggle>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.excludedApps' | t }}</mat-label>
              <textarea
                matInput
                name="apps"
                rows="3"
                [ngModel]="draft().excludedApps"
                (ngModelChange)="patch('excludedApps', $event)"
              ></textarea>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.excludedSites' | t }}</mat-label>
              <textarea
                matInput
                name="sites"
                rows="3"
                [ngModel]="draft().excludedSites"
                (ngModelChange)="patch('excludedSites', $event)"
              ></textarea>
            </mat-form-field>
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.retentionDays' | t }}</mat-label>
              <input
                matInput
                type="number"
                name="retention"
                min="1"
                max="3650"
                required
                [ngModel]="draft().retentionDays"
                (ngModelChange)="patch('retentionDays', $event)"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'screenshots.deleteWindowHours' | t }}</mat-label>
              <input
                matInput
                type="number"
                name="deleteWindow"
                min="0"
                max="720"
                required
                [ngModel]="draft().deleteWindowHours"
                (ngModelChange)="patch('deleteWindowHours', $event)"
              />
            </mat-form-field>
          </div>
          @if (conflict(); as message) {
            <div class="notice" role="alert" data-testid="notice-conflict">
              <strong>{{ 'screenshots.noticeMissingTitle' | t }}</strong>
              <p>{{ message }}</p>
              <p>{{ 'screenshots.noticeMissingHelp' | t }}</p>
            </div>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving()">
              {{ 'common.save' | t }}
            </button>
            @if (scope() && teamHasOwn()) {
              <button mat-stroked-button type="button" (click)="inherit()" [disabled]="saving()">
                {{ 'screenshots.inherit' | t }}
              </button>
            }
          </div>
        </form>
      </ng-template>
    </ctx-async-state>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 720px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
    }
    .row mat-form-field {
      flex: 1 1 240px;
    }
    .full {
      width: 100%;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScreenshotSettingsCard {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);
  protected readonly blurLevels: BlurLevel[] = ['none', 'blurred', 'thumbnails'];

  private readonly overviewRef = httpResource<ScreenshotSettingsOverview>(() =>
    api('/settings/screenshots'),
  );
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  protected readonly overview = viewOf(this.overviewRef, this.i18n);
  protected readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );

  /** '' is the organization; otherwise a team id. */
  protected readonly scope = signal('');
  protected readonly teamHasOwn = computed(
    () => !!this.overview.data()?.teams.some((t) => t.teamId === this.scope()),
  );
  /** The settings in force for the chosen scope: a team without its own has the organization's. */
  private readonly current = computed<ScreenshotSettings | null>(() => {
    const overview = this.overview.data();
    if (!overview) return null;
    const team = overview.teams.find((t) => t.teamId === this.scope());
    return team ?? overview.organization;
  });

  /** What the form shows: reset whenever the scope or the server's values change. */
  protected readonly draft = linkedSignal(() => draftOf(this.current() ?? DEFAULTS));
  protected readonly saving = signal(false);
  protected readonly conflict = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.scope();
      untracked(() => this.conflict.set(null));
    });
  }

  protected patch<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
  }

  protected async save(): Promise<void> {
    const teamId = this.scope();
    const path = teamId ? `/settings/screenshots/teams/${teamId}` : '/settings/screenshots';
    this.saving.set(true);
    this.conflict.set(null);
    try {
      await this.api.put(path, settingsOf(this.draft()));
      this.ui.notify(this.i18n.t('screenshots.saved'));
      this.overview.reload();
    } catch (error) {
      if (isConflict(error))
        this.conflict.set(serverDetail(error) ?? describeError(error, this.i18n));
      else this.ui.notify(describeError(error, this.i18n));
    } finally {
      this.saving.set(false);
    }
  }

  protected async inherit(): Promise<void> {
    const teamId = this.scope();
    if (!teamId) return;
    this.saving.set(true);
    const ok = await this.ui.run(
      () => this.api.delete(`/settings/screenshots/teams/${teamId}`),
      this.i18n.t('screenshots.inherited'),
    );
    this.saving.set(false);
    if (ok) this.overview.reload();
  }
}

function isConflict(error: unknown): error is HttpErrorResponse {
  return isProblem(error, 'notice-does-not-cover-screenshots');
}

/** The server's own sentence (English), shown as it is under the console's explanation. */
export function serverDetail(error: HttpErrorResponse): string | null {
  const body: unknown = error.error;
  if (body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string') {
    return body.detail;
  }
  return null;
}
