import { httpResource } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import type { Page } from '@app/api/models';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

export type TokenKind = 'personal' | 'service';

export interface ApiToken {
  id: string;
  name: string;
  kind: TokenKind;
  userId: string | null;
  tokenPrefix: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedAddress: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface TokenScopes {
  scopes: { scope: string; description: string; personal: boolean; service: boolean }[];
  mayCreateService: boolean;
  maxDays: number;
}

export const SCIM_SCOPE = 'scim:provision';

@Component({
  selector: 'ctx-api-access',
  imports: [
    MatButton,
    MatIconButton,
    CARD_PARTS,
    MatCheckbox,
    FIELD_PARTS,
    MatIcon,
    MatSelect,
    MatOption,
    TABLE_PARTS,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './api-access.html',
  styles: `
    .new-token {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: flex-start;
      margin-bottom: 16px;
    }
    .scopes {
      display: flex;
      flex-direction: column;
      width: 100%;
    }
    .scim dd {
      margin: 0 0 8px;
    }
    .secret {
      display: flex;
      gap: 8px;
      align-items: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiAccess {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly scimBaseUrl = `${this.document.location.origin}/scim/v2`;

  protected readonly pager = new Pager(25);
  protected readonly created = signal<CreatedApiToken | null>(null);
  protected readonly copied = signal(false);

  protected readonly name = signal('');
  protected readonly kind = signal<TokenKind>('personal');
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly days = signal(90);
  protected readonly never = signal(false);
  protected readonly busy = signal(false);

  private readonly scopesRef = httpResource<TokenScopes>(() => api('/api-tokens/scopes'));
  private readonly tokensRef = httpResource<Page<ApiToken>>(() => ({
    url: api('/api-tokens'),
    params: query(this.pager.params()),
  }));
  protected readonly tokens = viewOf(this.tokensRef, this.i18n);
  protected readonly columns = ['name', 'kind', 'scopes', 'expiresAt', 'lastUsedAt', 'status'];

  protected readonly info = computed(() =>
    this.scopesRef.hasValue() ? this.scopesRef.value() : undefined,
  );
  protected readonly mayCreateService = computed(() => this.info()?.mayCreateService ?? false);
  /** Scopes the chosen kind may carry; SCIM has its own button. */
  protected readonly offered = computed(() =>
    (this.info()?.scopes ?? []).filter(
      (s) => s.scope !== SCIM_SCOPE && (this.kind() === 'service' ? s.service : s.personal),
    ),
  );
  protected readonly canCreate = computed(
    () =>
      this.name().trim().length > 0 &&
      this.chosen().size > 0 &&
      (this.never() || (this.days() >= 1 && this.days() <= (this.info()?.maxDays ?? 365))),
  );

  protected setKind(kind: TokenKind): void {
    this.kind.set(kind);
    this.chosen.set(new Set());
    if (kind === 'personal') this.never.set(false);
  }

  protected toggle(scope: string, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(scope);
    else next.delete(scope);
    this.chosen.set(next);
  }

  protected async create(): Promise<void> {
    if (!this.canCreate()) return;
    await this.submit({
      name: this.name().trim(),
      kind: this.kind(),
      scopes: [...this.chosen()],
      expiresInDays: this.never() ? null : this.days(),
    });
    this.name.set('');
    this.chosen.set(new Set());
  }

  /** The identity provider's token: a service token with only scim:provision, no expiry. */
  protected async createScimToken(): Promise<void> {
    await this.submit({
      name: this.i18n.t('apiAccess.scimTokenName'),
      kind: 'service',
      scopes: [SCIM_SCOPE],
      expiresInDays: null,
    });
  }

  private async submit(body: Record<string, unknown>): Promise<void> {
    this.busy.set(true);
    this.copied.set(false);
    try {
      const ok = await this.ui.run(async () => {
        this.created.set(await this.api.post<CreatedApiToken>('/api-tokens', body));
      }, this.i18n.t('apiAccess.created'));
      if (ok) this.tokens.reload();
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied.set(true);
    } catch {
      this.ui.notify(this.i18n.t('apiAccess.copyFailed'));
    }
  }

  protected async revoke(token: ApiToken): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('apiAccess.confirmRevoke', { name: token.name }))) return;
    const ok = await this.ui.run(
      () => this.api.post(`/api-tokens/${token.id}/revoke`),
      this.i18n.t('common.revoked'),
    );
    if (ok) this.tokens.reload();
  }
}
