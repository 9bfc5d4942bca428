import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Holiday, WorkSchedule } from '@app/api/models';
import { api } from '@app/core/http/api';
import { TranslatePipe } from '@app/core/i18n/t.pipe';

/**
 * What to set up before attendance means anything: a work schedule, then the year's holidays.
 * Says nothing while loading, on errors, or once both exist.
 */
@Component({
  selector: 'ctx-setup-hints',
  imports: [RouterLink, MatButton, MatIcon, TranslatePipe],
  template: `
    @if (noSchedule()) {
      <div class="notice hint" role="status" data-testid="hint-no-schedule">
        <mat-icon aria-hidden="true">schedule</mat-icon>
        <span class="grow">{{ 'setup.noSchedule' | t }}</span>
        @if (canManage()) {
          <a mat-flat-button routerLink="/schedules">{{ 'setup.createSchedule' | t }}</a>
        } @else {
          <span>{{ 'setup.askHr' | t }}</span>
        }
      </div>
    }
    @if (noHolidays()) {
      <div class="notice hint" role="status" data-testid="hint-no-holidays">
        <mat-icon aria-hidden="true">event</mat-icon>
        <span class="grow">{{ 'setup.noHolidays' | t: { year: year() } }}</span>
        @if (canManage()) {
          <a mat-stroked-button routerLink="/holidays" [queryParams]="{ year: year() }">
            {{ 'setup.importHolidays' | t }}
          </a>
        }
      </div>
    }
  `,
  styles: `
    .hint {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetupHints {
  readonly year = input.required<number>();
  /** The viewer can create schedules and holidays (else they are told to ask HR). */
  readonly canManage = input(false);

  private readonly schedulesRef = httpResource<{ items: WorkSchedule[] }>(() =>
    api('/work-schedules'),
  );
  private readonly holidaysRef = httpResource<{ items: Holiday[] }>(() => ({
    url: api('/holidays'),
    params: { year: this.year() },
  }));

  protected readonly noSchedule = computed(
    () => this.schedulesRef.hasValue() && this.schedulesRef.value()?.items.length === 0,
  );
  protected readonly noHolidays = computed(
    () => this.holidaysRef.hasValue() && this.holidaysRef.value()?.items.length === 0,
  );
}
