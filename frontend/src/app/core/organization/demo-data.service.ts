import { computed, effect, inject, Injectable, resource, signal } from '@angular/core';
import type { DemoStatus } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api } from '@app/core/http/api';

const POLL_MS = 1000;

/**
 * The organization's demo data (owners and admins only): whether it is loaded or may be, loading
 * and removing it, and the progress of either while it runs.
 */
@Injectable({ providedIn: 'root' })
export class DemoData {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private timer: ReturnType<typeof setTimeout> | null = null;

  private readonly ref = resource({
    params: () =>
      this.auth.can('manageOrganization') ? { user: this.auth.user()?.id } : undefined,
    loader: () => this.api.get<DemoStatus>('/demo'),
  });

  /** Null until known, and for users who cannot manage the organization. */
  readonly status = computed<DemoStatus | null>(() =>
    this.ref.hasValue() ? (this.ref.value() ?? null) : null,
  );
  readonly busy = computed(() => {
    const state = this.status()?.state;
    return state === 'loading' || state === 'removing';
  });
  /** Demo rows exist (loaded, or left by a load that failed): the banner offers removal. */
  readonly present = computed(() => {
    const state = this.status()?.state;
    return state === 'loaded' || state === 'failed' || state === 'removing';
  });
  readonly progress = computed(() => {
    const p = this.status()?.progress;
    return p && p.total > 0 ? Math.round((p.done * 100) / p.total) : 0;
  });

  /** Bumped when a load or removal that this console watched has finished. */
  readonly finished = signal(0);
  private wasBusy = false;

  constructor() {
    // While a load or a removal runs (started here or elsewhere), its progress is polled.
    effect(() => {
      const busy = this.busy();
      if (busy && !this.timer) this.timer = setTimeout(() => this.pollWhileBusy(), POLL_MS);
      if (!busy && this.wasBusy && this.status()) this.finished.update((n) => n + 1);
      this.wasBusy = busy;
    });
  }

  async load(): Promise<void> {
    await this.api.post<DemoStatus>('/demo', {});
    this.refresh();
  }

  async remove(): Promise<void> {
    await this.api.delete<DemoStatus>('/demo');
    this.refresh();
  }

  /** Reloads now and then every second while the job runs; resolves nothing. */
  refresh(): void {
    // A reload keeps the last status on screen until the new one is in (no flicker).
    this.ref.reload();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pollWhileBusy(), POLL_MS);
  }

  private pollWhileBusy(): void {
    this.timer = null;
    if (this.ref.isLoading() || this.busy()) this.refresh();
  }
}
