import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type {
  DataCollectionSettings,
  MailPreferences,
  Organization,
  RetentionSettings,
} from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n, LANGUAGES } from '@app/core/i18n/i18n.service';
import { ClosureStatus } from '@app/core/organization/closure.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { MailServer } from './mail-server';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

type RetentionForm = Pick<
  RetentionSettings,
  'rawActivityDays' | 'dailyTotalsDays' | 'exportFileDays' | 'auditDays'
>;
type OrgForm = Pick<Organization, 'name' | 'defaultTimeZone' | 'locale'>;

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

@Component({
  selector: 'ctx-settings',
  imports: [
    FormsModule,
    CARD_PARTS,
    MatButton,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    MatSlideToggle,
    TranslatePipe,
    AsyncState,
    WhenReady,
    MailServer,
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
    .closed {
      margin: 0;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly closure = inject(ClosureStatus);
  protected readonly canClose = inject(Auth).can('closeOrganization');
  protected readonly canManage = inject(Auth).can('manageOrganization');
  protected readonly languages = LANGUAGES;
  protected readonly timeZones = TIME_ZONES;
  protected readonly retentionKeys = [
    'rawActivityDays',
    'dailyTotalsDays',
    'exportFileDays',
    'auditDays',
  ] as const;

  private readonly orgRef = httpResource<Organization>(() => api('/organizations/current'));
  private readonly collectionRef = httpResource<DataCollectionSettings>(() =>
    api('/settings/data-collection'),
  );
  private readonly retentionRef = httpResource<RetentionSettings>(() => api('/privacy/retention'));
  private readonly mailRef = httpResource<MailPreferences>(() => api('/notifications/preferences'));

  protected readonly org = viewOf(this.orgRef, this.i18n);
  protected readonly collection = viewOf(this.collectionRef, this.i18n);
  protected readonly retention = viewOf(this.retentionRef, this.i18n);
  protected readonly mail = viewOf(this.mailRef, this.i18n);

  protected readonly orgForm = signal<OrgForm>({ name: '', defaultTimeZone: 'UTC', locale: 'en' });
  protected readonly collectionForm = signal({ collectTitles: true, urlMode: 'full' });
  protected readonly retentionForm = signal<RetentionForm>({
    rawActivityDays: 365,
    dailyTotalsDays: 730,
    exportFileDays: 7,
    auditDays: 730,
  });

  constructor() {
    effect(() => {
      const o = this.org.data();
      if (o)
        this.orgForm.set({ name: o.name, defaultTimeZone: o.defaultTimeZone, locale: o.locale });
    });
    effect(() => {
      const c = this.collection.data();
      if (c) this.collectionForm.set({ collectTitles: c.collectTitles, urlMode: c.urlMode });
    });
    effect(() => {
      const r = this.retention.data();
      if (r)
        this.retentionForm.set({
          rawActivityDays: r.rawActivityDays,
          dailyTotalsDays: r.dailyTotalsDays,
          exportFileDays: r.exportFileDays,
          auditDays: r.auditDays,
        });
    });
  }

  protected patchOrg(patch: Partial<OrgForm>): void {
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

  protected setRetention(key: keyof RetentionForm, value: string | number): void {
    this.retentionForm.update((r) => ({ ...r, [key]: Number(value) }));
  }

  protected async saveRetention(): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.patch('/privacy/retention', this.retentionForm()),
      this.i18n.t('common.saved'),
    );
    if (ok) this.retention.reload();
  }

  protected async setMail(category: string, enabled: boolean): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.put('/notifications/preferences', { [category]: enabled }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.mail.reload();
  }

  protected async closeOrganization(): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('settings.closure.confirm'))) return;
    const ok = await this.ui.run(
      () => this.closure.close(),
      this.i18n.t('settings.closure.closedDone'),
    );
    if (ok) this.closure.reload();
  }

  protected async reopenOrganization(): Promise<void> {
    const ok = await this.ui.run(
      () => this.closure.reopen(),
      this.i18n.t('settings.closure.reopened'),
    );
    if (ok) this.closure.reload();
  }
}
