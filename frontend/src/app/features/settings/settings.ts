import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { DataCollectionSettings } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { I18n, LANGUAGES } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';

interface Organization {
  id: string;
  name: string;
  defaultTimeZone: string;
  locale: string;
}

interface Retention {
  activityDays: number;
  screenshotDays: number;
}

interface MailPreferences {
  categories: { category: string; enabled: boolean; essential?: boolean }[];
}

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

@Component({
  selector: 'ctx-settings',
  imports: [
    FormsModule,
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslatePipe,
    AsyncState,
  ],
  templateUrl: './settings.html',
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly languages = LANGUAGES;
  protected readonly timeZones = TIME_ZONES;

  private readonly orgRef = httpResource<Organization>(() => api('/organizations/current'));
  private readonly collectionRef = httpResource<DataCollectionSettings>(() =>
    api('/settings/data-collection'),
  );
  private readonly retentionRef = httpResource<Retention>(() => api('/settings/retention'));
  private readonly mailRef = httpResource<MailPreferences>(() => api('/me/mail-preferences'));

  protected readonly org = viewOf(this.orgRef, this.i18n);
  protected readonly collection = viewOf(this.collectionRef, this.i18n);
  protected readonly retention = viewOf(this.retentionRef, this.i18n);
  protected readonly mail = viewOf(this.mailRef, this.i18n);

  protected readonly orgForm = signal<Organization>({
    id: '',
    name: '',
    defaultTimeZone: 'UTC',
    locale: 'en',
  });
  protected readonly collectionForm = signal({ collectTitles: true, urlMode: 'full' });
  protected readonly retentionForm = signal<Retention>({ activityDays: 365, screenshotDays: 30 });

  constructor() {
    effect(() => {
      const o = this.org.data();
      if (o) this.orgForm.set({ ...o });
    });
    effect(() => {
      const c = this.collection.data();
      if (c) this.collectionForm.set({ collectTitles: c.collectTitles, urlMode: c.urlMode });
    });
    effect(() => {
      const r = this.retention.data();
      if (r) this.retentionForm.set({ ...r });
    });
  }

  protected patchOrg(patch: Partial<Organization>): void {
    this.orgForm.update((o) => ({ ...o, ...patch }));
  }

  protected async saveOrg(): Promise<void> {
    const { name, defaultTimeZone, locale } = this.orgForm();
    const ok = await this.ui.run(
      () => this.api.patch('/organizations/current', { name, defaultTimeZone, locale }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.org.reload();
  }

  protected async saveCollection(): Promise<void> {
    await this.ui.run(
      () => this.api.patch('/settings/data-collection', this.collectionForm()),
      this.i18n.t('common.saved'),
    );
  }

  protected async saveRetention(): Promise<void> {
    const r = this.retentionForm();
    await this.ui.run(
      () =>
        this.api.patch('/settings/retention', {
          activityDays: Number(r.activityDays),
          screenshotDays: Number(r.screenshotDays),
        }),
      this.i18n.t('common.saved'),
    );
  }

  protected async setMail(category: string, enabled: boolean): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.patch('/me/mail-preferences', { categories: [{ category, enabled }] }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.mail.reload();
  }
}
