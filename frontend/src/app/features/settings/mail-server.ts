import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatSelect, MatOption } from '@angular/material/select';
import type { MailServerSettings, TestMailResult } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

interface MailServerForm {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  /** Empty: keep the stored one. */
  password: string;
  from: string;
}

/** Where the organization's mail goes: its own SMTP server, with a test mail (owner, admin). */
@Component({
  selector: 'ctx-mail-server',
  imports: [
    FormsModule,
    CARD_PARTS,
    MatButton,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
    AsyncState,
    WhenReady,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="mail-server">
      <mat-card-header>
        <mat-card-title>{{ 'settings.mailServer.title' | t }}</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <ctx-async-state [view]="settings">
          <ng-template ctxWhenReady>
            <p class="muted" data-testid="mail-route">
              {{ 'settings.mailServer.route.' + (settings.data()?.source ?? 'outbox') | t }}
            </p>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'settings.mailServer.host' | t }}</mat-label>
                <input
                  matInput
                  name="host"
                  placeholder="smtp.corp.example"
                  [ngModel]="form().host"
                  (ngModelChange)="patch({ host: $event })"
                />
              </mat-form-field>
              <mat-form-field appearance="outline" class="port">
                <mat-label>{{ 'settings.mailServer.port' | t }}</mat-label>
                <input
                  matInput
                  type="number"
                  name="port"
                  min="1"
                  max="65535"
                  [ngModel]="form().port"
                  (ngModelChange)="patch({ port: +$event })"
                />
              </mat-form-field>
            </div>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'settings.mailServer.security' | t }}</mat-label>
              <mat-select
                [value]="form().security"
                (selectionChange)="patch({ security: $event.value })"
              >
                @for (s of securities; track s) {
                  <mat-option [value]="s">{{
                    'settings.mailServer.securities.' + s | t
                  }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'settings.mailServer.username' | t }}</mat-label>
              <input
                matInput
                name="username"
                autocomplete="off"
                [ngModel]="form().username"
                (ngModelChange)="patch({ username: $event })"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'settings.mailServer.password' | t }}</mat-label>
              <input
                matInput
                type="password"
                name="password"
                autocomplete="new-password"
                [ngModel]="form().password"
                (ngModelChange)="patch({ password: $event })"
              />
              @if (settings.data()?.hasPassword) {
                <mat-hint>{{ 'settings.mailServer.passwordKept' | t }}</mat-hint>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'settings.mailServer.from' | t }}</mat-label>
              <input
                matInput
                name="from"
                placeholder="CallTimeX <calltimex@corp.example>"
                [ngModel]="form().from"
                (ngModelChange)="patch({ from: $event })"
              />
            </mat-form-field>
            <div class="actions">
              <button mat-flat-button data-testid="save-mail-server" (click)="save()">
                {{ 'common.save' | t }}
              </button>
              @if (settings.data()?.configured) {
                <button mat-button (click)="remove()">
                  {{ 'settings.mailServer.remove' | t }}
                </button>
              }
            </div>

            <h3>{{ 'settings.mailServer.testTitle' | t }}</h3>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'settings.mailServer.testTo' | t }}</mat-label>
                <input
                  matInput
                  type="email"
                  name="testTo"
                  [ngModel]="testTo()"
                  (ngModelChange)="testTo.set($event)"
                />
              </mat-form-field>
              <button
                mat-stroked-button
                data-testid="send-test-mail"
                [disabled]="testing() || !testTo()"
                (click)="sendTest()"
              >
                {{
                  (testing() ? 'settings.mailServer.testing' : 'settings.mailServer.sendTest') | t
                }}
              </button>
            </div>
            @if (result(); as r) {
              <p
                class="result"
                [class.ok]="r.delivered"
                [attr.role]="r.delivered ? 'status' : 'alert'"
                data-testid="test-result"
              >
                {{
                  (r.delivered ? 'settings.mailServer.delivered' : 'settings.mailServer.failed')
                    | t: { to: lastTo(), answer: r.response ?? r.error ?? '' }
                }}
              </p>
            }
          </ng-template>
        </ctx-async-state>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    mat-card-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    mat-form-field {
      width: min(420px, 100%);
    }
    .row {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      align-items: baseline;
    }
    .port {
      width: 120px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 0;
    }
    .result {
      margin: 0;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      overflow-wrap: anywhere;
    }
    .result.ok {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailServer {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);
  protected readonly securities = ['starttls', 'tls', 'none'] as const;

  private readonly settingsRef = httpResource<MailServerSettings>(() => api('/settings/mail'));
  protected readonly settings = viewOf(this.settingsRef, this.i18n);
  protected readonly form = signal<MailServerForm>({
    host: '',
    port: 587,
    security: 'starttls',
    username: '',
    password: '',
    from: '',
  });
  protected readonly testTo = signal('');
  protected readonly lastTo = signal('');
  protected readonly testing = signal(false);
  protected readonly result = signal<TestMailResult | null>(null);

  constructor() {
    effect(() => {
      const s = this.settings.data();
      if (!s) return;
      this.form.set({
        host: s.host,
        port: s.port,
        security: s.security,
        username: s.username ?? '',
        password: '',
        from: s.from,
      });
    });
  }

  protected patch(change: Partial<MailServerForm>): void {
    this.form.update((f) => ({ ...f, ...change }));
  }

  protected async save(): Promise<void> {
    const f = this.form();
    const body = {
      host: f.host.trim(),
      port: f.port,
      security: f.security,
      username: f.username.trim() || null,
      from: f.from.trim(),
      // Left empty: the stored password stays.
      ...(f.password ? { password: f.password } : {}),
    };
    const ok = await this.ui.run(
      () => this.api.put('/settings/mail', body),
      this.i18n.t('common.saved'),
    );
    if (ok) {
      this.result.set(null);
      this.settings.reload();
    }
  }

  protected async remove(): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('settings.mailServer.confirmRemove'))) return;
    const ok = await this.ui.run(
      () => this.api.delete('/settings/mail'),
      this.i18n.t('settings.mailServer.removed'),
    );
    if (ok) this.settings.reload();
  }

  protected async sendTest(): Promise<void> {
    const to = this.testTo().trim();
    this.testing.set(true);
    this.result.set(null);
    try {
      await this.ui.run(async () => {
        this.result.set(await this.api.post<TestMailResult>('/settings/mail/test', { to }));
        this.lastTo.set(to);
      });
    } finally {
      this.testing.set(false);
    }
  }
}
