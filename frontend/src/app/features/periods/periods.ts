import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { isProblem } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

export interface Period {
  month: string;
  from: string;
  to: string;
  state: 'open' | 'locked' | 'current' | 'future';
  lockedAt: string | null;
  lockedByUserId: string | null;
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** The months of a year: lock one once payroll has run; owners and admins reopen with a reason. */
@Component({
  selector: 'ctx-periods',
  imports: [TABLE_PARTS, MatButton, MatIconButton, MatIcon, TranslatePipe, DataTable, RowActions],
  templateUrl: './periods.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Periods {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  private readonly auth = inject(Auth);
  protected readonly canLock = this.auth.can('managePeople');
  protected readonly canUnlock = this.auth.can('manageOrganization');

  /** Query parameter: the year shown. */
  readonly year = input<string>();
  protected readonly shownYear = computed(() => {
    const year = Number(this.year());
    return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
      ? year
      : new Date().getFullYear();
  });

  private readonly periodsRef = httpResource<{ items: Period[] }>(() => ({
    url: api('/periods'),
    params: { year: this.shownYear() },
  }));
  protected readonly periods = viewOf(this.periodsRef, this.i18n);
  protected readonly columns = ['month', 'state', 'lockedAt'];

  protected monthName(p: Period): string {
    return this.fmt.month(p.month);
  }

  protected shift(by: number): void {
    const year = Math.min(MAX_YEAR, Math.max(MIN_YEAR, this.shownYear() + by));
    void this.router.navigate([], { queryParams: { year }, queryParamsHandling: 'merge' });
  }

  protected async lock(p: Period): Promise<void> {
    const month = this.monthName(p);
    if (!this.ui.confirm(this.i18n.t('periods.confirmLock', { month }))) return;
    const ok = await this.ui.run(
      () => this.api.post(`/periods/${p.month}/lock`),
      this.i18n.t('periods.lockedDone', { month }),
    );
    if (ok) this.periods.reload();
  }

  protected async unlock(p: Period): Promise<void> {
    const month = this.monthName(p);
    const saved = await this.ui.form({
      title: this.i18n.t('periods.unlockTitle', { month }),
      submitLabel: this.i18n.t('periods.unlock'),
      fields: [
        {
          name: 'reason',
          label: this.i18n.t('periods.reason'),
          type: 'textarea',
          required: true,
          maxLength: 500,
          hint: this.i18n.t('periods.reasonHint'),
        },
      ],
      explain: (error) => (isProblem(error, 'period-not-locked') ? 'periods.notLocked' : null),
      submit: (v) => this.api.post(`/periods/${p.month}/unlock`, { reason: v['reason']?.trim() }),
    });
    if (saved) this.periods.reload();
  }
}
