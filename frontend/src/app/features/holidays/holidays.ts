import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { Holiday } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { isProblem } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import {
  ImportHolidaysDialog,
  type ImportDialogData,
  type ImportOutcome,
  MAX_YEAR,
  MIN_YEAR,
} from './import-dialog';
import { DIALOG_DEFAULTS } from '@app/shared/ui/dialog-defaults';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

/** The organization's holidays of a year: non-working days for everyone. */
@Component({
  selector: 'ctx-holidays',
  imports: [TABLE_PARTS, MatButton, MatIconButton, MatIcon, TranslatePipe, DataTable, RowActions],
  templateUrl: './holidays.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Holidays {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly canManage = inject(Auth).can('managePeople');

  /** Query parameter: the year shown. */
  readonly year = input<string>();
  protected readonly shownYear = computed(() => {
    const year = Number(this.year());
    return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
      ? year
      : new Date().getFullYear();
  });
  protected readonly imported = signal<ImportOutcome | null>(null);

  private readonly holidaysRef = httpResource<{ items: Holiday[] }>(() => ({
    url: api('/holidays'),
    params: { year: this.shownYear() },
  }));
  protected readonly holidays = viewOf(this.holidaysRef, this.i18n);
  protected readonly sorted = computed(() => ({
    items: [...(this.holidays.data()?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
  }));
  protected readonly columns = ['date', 'weekday', 'name'];

  protected shift(by: number): void {
    const year = Math.min(MAX_YEAR, Math.max(MIN_YEAR, this.shownYear() + by));
    this.imported.set(null);
    void this.router.navigate([], { queryParams: { year }, queryParamsHandling: 'merge' });
  }

  protected async add(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('holidays.add'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        {
          name: 'date',
          label: this.i18n.t('holidays.date'),
          type: 'date',
          required: true,
          value: `${this.shownYear()}-01-01`,
        },
        { name: 'name', label: this.i18n.t('holidays.name'), required: true, maxLength: 200 },
      ],
      explain: (error) => (isProblem(error, 'holiday-date-taken') ? 'holidays.dateTaken' : null),
      submit: (v) => this.api.post('/holidays', { date: v['date'], name: v['name']?.trim() }),
    });
    if (saved) this.holidays.reload();
  }

  protected async import(): Promise<void> {
    const ref = this.dialog.open<ImportHolidaysDialog, ImportDialogData, ImportOutcome>(
      ImportHolidaysDialog,
      { ...DIALOG_DEFAULTS, data: { year: this.shownYear() } },
    );
    const outcome = await firstValueFrom(ref.afterClosed());
    if (!outcome) return;
    this.imported.set(outcome);
    if (outcome.year !== this.shownYear()) {
      void this.router.navigate([], {
        queryParams: { year: outcome.year },
        queryParamsHandling: 'merge',
      });
    } else {
      this.holidays.reload();
    }
  }

  protected async remove(holiday: Holiday): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('holidays.confirmDelete', { name: holiday.name }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/holidays/${holiday.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.holidays.reload();
  }
}
