import { Injectable, computed, inject, resource } from '@angular/core';
import type { OrganizationClosure, OrganizationClosureStatus } from '@app/api/models';
import { Auth } from '../auth/auth.service';
import { Api } from '../http/api';
import { describeError } from '../http/problem';
import { I18n } from '../i18n/i18n.service';

const PATH = '/privacy/organization-closure';

/**
 * Whether the organization is closed and when its data is purged (privacy policy 6.3). Shared by
 * the shell's banner and the settings card, so closing or reopening updates both. While it is
 * closed only an owner can be signed in, and only an owner may close it, so no other role asks.
 */
@Injectable({ providedIn: 'root' })
export class ClosureStatus {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly i18n = inject(I18n);

  private readonly ref = resource({
    // Keyed by the user, so another owner signing in in this tab asks again.
    params: () => (this.auth.can('closeOrganization') ? this.auth.user()?.id : undefined),
    loader: () => this.load(),
  });

  /** The closure while the organization is closed, null while it is open, undefined until known. */
  readonly closure = computed<OrganizationClosure | null | undefined>(() =>
    this.ref.hasValue() ? this.ref.value() : undefined,
  );
  readonly loading = computed(() => this.ref.isLoading() && !this.ref.hasValue());
  readonly error = computed(() => {
    const error = this.ref.error();
    return error ? describeError(error, this.i18n) : null;
  });

  reload(): void {
    this.ref.reload();
  }

  close(): Promise<OrganizationClosure> {
    return this.api.post<OrganizationClosure>(PATH);
  }

  reopen(): Promise<void> {
    return this.api.delete(PATH);
  }

  private async load(): Promise<OrganizationClosure | null> {
    const status = await this.api.get<OrganizationClosureStatus>(PATH);
    return status.closed && status.closedAt && status.purgeAt
      ? { closedAt: status.closedAt, purgeAt: status.purgeAt }
      : null;
  }
}
