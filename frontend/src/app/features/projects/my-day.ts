import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatSelect, MatOption } from '@angular/material/select';
import { Api, api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { type DayAllocation, hours, type Project } from './projects.models';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** The employee's own day: tracked time by project, and the unallocated stretches to allocate in bulk. */
@Component({
  selector: 'ctx-my-day',
  imports: [FormsModule, MatButton, MatCheckbox, FIELD_PARTS, MatSelect, MatOption, TranslatePipe],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'projects.myDayTitle' | t }}</h1>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'projects.day' | t }}</mat-label>
          <input
            matInput
            type="date"
            [ngModel]="day()"
            (ngModelChange)="pick($event)"
            data-testid="my-day"
          />
        </mat-form-field>
      </header>
      @if (dayView.error(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
      @if (dayView.data(); as d) {
        <p data-testid="day-totals">
          {{
            'projects.dayTotals'
              | t: { active: hoursOf(d.activeSeconds), unallocated: hoursOf(d.unallocatedSeconds) }
          }}
        </p>
        @if (open().length === 0) {
          <p class="muted" data-testid="all-allocated">{{ 'projects.allAllocated' | t }}</p>
        } @else {
          <h2>{{ 'projects.unallocatedTime' | t }}</h2>
          <ul class="stretches">
            @for (p of open(); track p.start) {
              <li>
                <mat-checkbox [checked]="chosen().has(p.start)" (change)="toggle(p.start)">
                  {{ time(p.start) }} – {{ time(p.end) }} ({{ hoursOf(p.seconds) }})
                </mat-checkbox>
              </li>
            }
          </ul>
          <div class="filters">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'projects.project' | t }}</mat-label>
              <mat-select
                [ngModel]="projectId()"
                (ngModelChange)="projectId.set($event)"
                data-testid="allocate-project"
              >
                @for (p of projects(); track p.id) {
                  <mat-option [value]="p.id">{{ p.name }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button
              mat-flat-button
              [disabled]="!projectId() || chosen().size === 0"
              (click)="allocate()"
              data-testid="allocate"
            >
              {{ 'projects.allocateTo' | t }}
            </button>
          </div>
        }
      }
    </section>
  `,
  styles: `
    .stretches {
      list-style: none;
      padding: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyDay {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly day = signal(new Date().toISOString().slice(0, 10));
  protected readonly projectId = signal<string | null>(null);
  protected readonly chosen = signal<Set<string>>(new Set());
  private readonly dayRef = httpResource<DayAllocation>(() => ({
    url: api('/project-time/day'),
    params: { day: this.day() },
  }));
  private readonly projectsRef = httpResource<{ items: Project[] }>(() => ({
    url: api('/projects'),
    params: { archived: 'false' },
  }));
  protected readonly dayView = viewOf(this.dayRef, this.i18n);
  protected readonly projects = computed(() =>
    this.projectsRef.hasValue() ? (this.projectsRef.value()?.items ?? []) : [],
  );
  protected readonly open = computed(() =>
    (this.dayView.data()?.pieces ?? []).filter((p) => p.projectId === null),
  );

  protected pick(day: string): void {
    this.day.set(day);
    this.chosen.set(new Set());
  }

  protected toggle(start: string): void {
    const next = new Set(this.chosen());
    if (next.has(start)) next.delete(start);
    else next.add(start);
    this.chosen.set(next);
  }

  protected hoursOf(seconds: number): string {
    return hours(seconds);
  }

  protected time(iso: string): string {
    return new Date(iso).toLocaleTimeString(this.i18n.language(), {
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  protected async allocate(): Promise<void> {
    const ranges = this.open()
      .filter((p) => this.chosen().has(p.start))
      .map((p) => ({ start: p.start, end: p.end }));
    const ok = await this.ui.run(
      () => this.api.post('/project-time/allocations', { projectId: this.projectId(), ranges }),
      this.i18n.t('projects.allocated'),
    );
    if (ok) {
      this.chosen.set(new Set());
      this.dayView.reload();
    }
  }
}
