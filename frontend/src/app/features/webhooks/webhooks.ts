import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { firstValueFrom } from 'rxjs';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';
import { WebhookDialog, type WebhookDialogData, type WebhookForm } from './webhook-dialog';
import {
  eventLabel,
  STATUS_LABELS,
  type DeliveryView,
  type WebhookView,
  type WebhookWithSecret,
} from './webhook-events';
import { DIALOG_DEFAULTS } from '@app/shared/ui/dialog-defaults';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

/** Owner/admin: the organization's webhooks, their secrets (once), test events and delivery log. */
@Component({
  selector: 'ctx-webhooks',
  imports: [
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    TABLE_PARTS,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './webhooks.html',
  styles: `
    .intro {
      max-width: 72ch;
      color: var(--mat-sys-on-surface-variant);
    }
    .url {
      word-break: break-all;
    }
    .deliveries {
      margin-top: 32px;
    }
    .deliveries header {
      display: flex;
      align-items: center;
      gap: 12px;
      justify-content: space-between;
    }
    .error-text {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.85em;
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Webhooks {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);

  /** The secret of the webhook just created or re-keyed: shown once, gone on reload. */
  protected readonly secret = signal<WebhookWithSecret | null>(null);
  protected readonly selected = signal<WebhookView | null>(null);
  protected readonly pager = new Pager(25);

  private readonly hooksRef = httpResource<{ items: WebhookView[] }>(() => api('/webhooks'));
  private readonly deliveriesRef = httpResource<{ items: DeliveryView[]; total: number }>(() => {
    const hook = this.selected();
    return hook
      ? { url: api(`/webhooks/${hook.id}/deliveries`), params: query(this.pager.params()) }
      : undefined;
  });

  protected readonly hooks = viewOf(this.hooksRef, this.i18n);
  protected readonly deliveries = viewOf(this.deliveriesRef, this.i18n);
  protected readonly hookColumns = ['url', 'events', 'status', 'secret'];
  protected readonly deliveryColumns = [
    'event',
    'status',
    'attempts',
    'response',
    'duration',
    'createdAt',
    'next',
  ];
  protected readonly selectedUrl = computed(() => this.selected()?.url ?? '');

  protected eventName(name: string): string {
    const key = eventLabel(name);
    return key ? this.i18n.t(key) : name;
  }

  protected eventList(names: readonly string[]): string {
    return names.map((n) => this.eventName(n)).join(', ');
  }

  protected statusName(status: string): string {
    const key = STATUS_LABELS[status];
    return key ? this.i18n.t(key) : status;
  }

  protected async create(): Promise<void> {
    const saved = await this.open({
      webhook: null,
      submit: async (value: WebhookForm) => {
        this.secret.set(await this.api.post<WebhookWithSecret>('/webhooks', value));
      },
    });
    if (saved) this.hooks.reload();
  }

  protected async edit(hook: WebhookView): Promise<void> {
    const saved = await this.open({
      webhook: hook,
      submit: (value: WebhookForm) => this.api.patch<WebhookView>(`/webhooks/${hook.id}`, value),
    });
    if (saved) {
      this.ui.notify(this.i18n.t('common.saved'));
      this.hooks.reload();
    }
  }

  protected async sendTest(hook: WebhookView): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/webhooks/${hook.id}/test`),
      this.i18n.t('webhooks.testSent'),
    );
    if (ok) this.show(hook);
  }

  protected async rotate(hook: WebhookView): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('webhooks.confirmRotate', { url: hook.url }))) return;
    await this.ui.run(async () => {
      this.secret.set(await this.api.post<WebhookWithSecret>(`/webhooks/${hook.id}/rotate-secret`));
      this.hooks.reload();
    });
  }

  protected async remove(hook: WebhookView): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('webhooks.confirmDelete', { url: hook.url }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/webhooks/${hook.id}`),
      this.i18n.t('common.deleted'),
    );
    if (!ok) return;
    if (this.selected()?.id === hook.id) this.selected.set(null);
    if (this.secret()?.id === hook.id) this.secret.set(null);
    this.hooks.reload();
  }

  protected show(hook: WebhookView): void {
    if (this.selected()?.id === hook.id) {
      this.deliveries.reload();
      return;
    }
    this.pager.reset();
    this.selected.set(hook);
  }

  protected async retry(delivery: DeliveryView): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/webhooks/${delivery.webhookId}/deliveries/${delivery.id}/retry`),
      this.i18n.t('webhooks.retried'),
    );
    if (ok) this.deliveries.reload();
  }

  private async open(data: WebhookDialogData): Promise<boolean> {
    const ref = this.dialog.open<WebhookDialog, WebhookDialogData, boolean>(WebhookDialog, {
      ...DIALOG_DEFAULTS,
      data,
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
