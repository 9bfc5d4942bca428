import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { Page } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';

interface Subscription {
  plan: string;
  seats: number;
  seatsUsed: number;
  renewsAt?: string | null;
  license?: { licensee?: string; expiresAt?: string | null; seats?: number } | null;
  paymentMethod?: { brand?: string; last4?: string } | null;
}

interface Invoice {
  id: string;
  number: string;
  issuedAt: string;
  amount: number;
  currency: string;
  status: string;
}

@Component({
  selector: 'ctx-billing',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    TranslatePipe,
    AsyncState,
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

  private readonly subscriptionRef = httpResource<Subscription>(() => api('/billing/subscription'));
  private readonly invoicesRef = httpResource<Page<Invoice>>(() => api('/billing/invoices'));
  protected readonly subscription = viewOf(this.subscriptionRef, this.i18n);
  protected readonly invoices = viewOf(this.invoicesRef, this.i18n);
  protected readonly columns = ['number', 'issuedAt', 'amount', 'status', 'actions'];

  protected money(amount: number, currency: string): string {
    return new Intl.NumberFormat(this.i18n.locale(), { style: 'currency', currency }).format(
      amount / 100,
    );
  }

  protected async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    const ok = await this.ui.run(
      () => this.api.upload('/billing/license', form),
      this.i18n.t('billing.licenseUploaded'),
    );
    input.value = '';
    if (ok) this.subscription.reload();
  }

  protected async download(invoice: Invoice): Promise<void> {
    await this.ui.run(() =>
      this.downloads.save(`/billing/invoices/${invoice.id}/pdf`, `invoice-${invoice.number}.pdf`),
    );
  }
}
