import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { Page } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { SeatStatus } from '@app/core/organization/seat-status.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

interface SeatHolder {
  employeeId: string;
  fullName: string;
  email: string;
  devices: number;
  since: string;
}

interface Card {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

interface Invoice {
  id: string;
  number: number;
  issuedAt: string;
  totalMinor: number;
  currency: string;
  status: string;
  seats: number;
  plan: string;
}

@Component({
  selector: 'ctx-billing',
  imports: [
    CARD_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    TABLE_PARTS,
    TranslatePipe,
    AsyncState,
    WhenReady,
    DataTable,
    RowActions,
  ],
  templateUrl: './billing.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Billing {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly downloads = inject(Downloads);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  private readonly seatStatus = inject(SeatStatus);

  private readonly cardsRef = httpResource<{ items: Card[] }>(() => api('/billing/cards'));
  private readonly invoicesRef = httpResource<Page<Invoice>>(() => api('/billing/invoices'));
  // The shell's seat banner reads the same resource: one request, and a change clears it at once.
  protected readonly seats = this.seatStatus.view;
  protected readonly holdersPager = new Pager(25);
  private readonly holdersRef = httpResource<Page<SeatHolder>>(() => ({
    url: api('/billing/seats/holders'),
    params: this.holdersPager.params(),
  }));
  protected readonly holders = viewOf(this.holdersRef, this.i18n);
  protected readonly holderColumns = ['fullName', 'email', 'devices', 'since'];
  protected readonly cards = viewOf(this.cardsRef, this.i18n);
  protected readonly invoices = viewOf(this.invoicesRef, this.i18n);
  protected readonly columns = ['number', 'issuedAt', 'amount', 'status'];

  protected money(amount: number, currency: string): string {
    return new Intl.NumberFormat(this.i18n.locale(), { style: 'currency', currency }).format(
      amount / 100,
    );
  }

  /** The license file is a signed text; the API takes its content. */
  protected async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const license = (await file.text()).trim();
    const ok = await this.ui.run(
      () => this.api.post('/billing/license', { license }),
      this.i18n.t('billing.licenseUploaded'),
    );
    input.value = '';
    if (ok) this.seatsChanged();
  }

  /** Deactivating an employee frees their seat (their devices stop counting). */
  protected async deactivate(holder: SeatHolder): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('billing.confirmDeactivate', { name: holder.fullName }))) {
      return;
    }
    const ok = await this.ui.run(
      () => this.api.post(`/employees/${holder.employeeId}/deactivate`),
      this.i18n.t('billing.deactivated', { name: holder.fullName }),
    );
    if (ok) this.seatsChanged();
  }

  private seatsChanged(): void {
    this.seats.reload();
    this.holders.reload();
  }

  protected async download(invoice: Invoice): Promise<void> {
    await this.ui.run(() =>
      this.downloads.save(`/billing/invoices/${invoice.id}/pdf`, `invoice-${invoice.number}.pdf`),
    );
  }
}
