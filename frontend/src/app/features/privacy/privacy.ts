import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatTabGroup, MatTab, MatTabContent } from '@angular/material/tabs';
import type {
  Employee,
  LocalizedTexts,
  MissingAcknowledgements,
  Notice,
  Page,
  PolicyVersion,
  PrivacyRequest,
} from '@app/api/models';
import { LANGUAGES } from '@app/core/i18n/i18n.service';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { Downloads } from '@app/shared/data/downloads';
import { type ResourceView, viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { ScreenshotSettingsCard } from '@app/features/screenshots/screenshot-settings';
import { STARTER_NOTICE } from './starter-notice';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

const POLL_MS = 1500;

export function isOverdue(
  request: Pick<PrivacyRequest, 'status' | 'dueAt'> & { overdue?: boolean },
  now: number,
): boolean {
  if (request.status !== 'pending' && request.status !== 'processing') return false;
  return request.overdue ?? new Date(request.dueAt).getTime() < now;
}

const DAY_MS = 86_400_000;

@Component({
  selector: 'ctx-privacy',
  imports: [
    FormsModule,
    MatTabGroup,
    MatTab,
    MatTabContent,
    TABLE_PARTS,
    MatButton,
    MatIcon,
    MatCheckbox,
    FIELD_PARTS,
    TranslatePipe,
    AsyncState,
    WhenReady,
    DataTable,
    RowActions,
    ScreenshotSettingsCard,
  ],
  templateUrl: './privacy.html',
  styles: `
    textarea {
      min-height: 200px;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Privacy {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly downloads = inject(Downloads);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly now = Date.now();

  /** Requests filed here, tracked by id (the one read the pinned API guarantees). */
  protected readonly filed = signal<PrivacyRequest[]>([]);
  protected readonly languages = LANGUAGES;
  protected readonly noticeTexts = signal<LocalizedTexts>({});
  protected readonly coversScreenshots = signal(false);

  private readonly requestsRef = httpResource<Page<PrivacyRequest>>(() => ({
    url: api('/privacy/requests'),
    params: { pageSize: 100 },
  }));
  private readonly employeesRef = httpResource<Page<Employee>>(() => ({
    url: api('/employees'),
    params: { pageSize: 200 },
  }));
  private readonly noticesRef = httpResource<{ items: Notice[]; needsPublishing?: boolean }>(() =>
    api('/privacy/notices'),
  );
  private readonly missingRef = httpResource<MissingAcknowledgements>(() =>
    api('/privacy/notices/current/missing-acknowledgements'),
  );
  private readonly policiesRef = httpResource<{ items: PolicyVersion[] }>(() =>
    api('/privacy/policy/versions'),
  );

  protected readonly requests = viewOf(this.requestsRef, this.i18n);
  protected readonly notices = viewOf(this.noticesRef, this.i18n);
  protected readonly missing = viewOf(this.missingRef, this.i18n);
  protected readonly currentNotice = computed(
    () =>
      [...(this.notices.data()?.items ?? [])]
        .filter((n) => n.status === 'published')
        .sort((a, b) => b.version - a.version)[0] ?? null,
  );
  protected readonly policies = viewOf(this.policiesRef, this.i18n);
  protected readonly employeeNames = computed(
    () =>
      new Map(
        ((this.employeesRef.hasValue() ? this.employeesRef.value()?.items : []) ?? []).map((e) => [
          e.id,
          e.fullName,
        ]),
      ),
  );

  // What was filed here and polled since is fresher than the list it came back in.
  protected readonly allRequests = computed(() => {
    const filed = new Map(this.filed().map((r) => [r.id, r]));
    const listed = (this.requests.data()?.items ?? []).map((r) => filed.get(r.id) ?? r);
    const listedIds = new Set(listed.map((r) => r.id));
    return [...this.filed().filter((r) => !listedIds.has(r.id)), ...listed];
  });
  protected readonly overdueCount = computed(
    () => this.allRequests().filter((r) => isOverdue(r, this.now)).length,
  );
  // Requests filed here are listed even where the server cannot list them.
  protected readonly requestList: ResourceView<Page<PrivacyRequest>> = {
    ...this.requests,
    unavailable: computed(() => this.requests.unavailable() && this.filed().length === 0),
  };
  protected readonly requestColumns = ['type', 'employee', 'status', 'dueAt'];
  protected readonly policyColumns = [
    'version',
    'summary',
    'publishedAt',
    'effectiveAt',
    'inEffect',
  ];

  constructor() {
    effect(() => {
      const n = this.currentNotice();
      if (n) {
        this.noticeTexts.set({ ...n.texts });
        this.coversScreenshots.set(n.coversScreenshots ?? false);
      }
      // Nothing published yet: a starter in every language, to edit before publishing.
      else if (this.notices.data()) this.noticeTexts.set({ ...STARTER_NOTICE });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      const open = this.filed().filter((r) => r.status === 'pending' || r.status === 'processing');
      if (open.length) timer = setTimeout(() => void this.refreshFiled(), POLL_MS);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected overdue(request: PrivacyRequest): boolean {
    return isOverdue(request, this.now);
  }

  protected async fileRequest(): Promise<void> {
    const employees = this.employeesRef.hasValue() ? (this.employeesRef.value()?.items ?? []) : [];
    await this.ui.form({
      title: this.i18n.t('privacy.newRequest'),
      submitLabel: this.i18n.t('privacy.file'),
      fields: [
        {
          name: 'type',
          label: this.i18n.t('privacy.type'),
          type: 'select',
          value: 'access',
          options: [
            { value: 'access', label: this.i18n.t('privacy.types.access') },
            { value: 'erasure', label: this.i18n.t('privacy.types.erasure') },
          ],
        },
        {
          name: 'employeeId',
          label: this.i18n.t('reports.employee'),
          type: 'select',
          required: true,
          options: employees.map((e) => ({ value: e.id, label: `${e.fullName} <${e.email}>` })),
        },
      ],
      submit: async (v) => {
        const created = await this.api.post<PrivacyRequest>('/privacy/requests', {
          type: v['type'],
          employeeId: v['employeeId'],
        });
        this.filed.update((list) => [{ ...created, employeeId: v['employeeId'] }, ...list]);
      },
    });
    this.requests.reload();
  }

  protected async download(request: PrivacyRequest): Promise<void> {
    const url = request.downloadUrl ?? `/privacy/requests/${request.id}/download`;
    await this.ui.run(() => this.downloads.save(url, `privacy-${request.id}.zip`));
  }

  protected setNoticeText(lang: keyof LocalizedTexts, text: string): void {
    this.noticeTexts.update((texts) => ({ ...texts, [lang]: text }));
  }

  /** A new notice version: saved as a draft, then published (agents show it again). */
  protected async publishNotice(): Promise<void> {
    const texts = Object.fromEntries(
      (Object.entries(this.noticeTexts()) as [string, string | undefined][]).filter(([, text]) =>
        Boolean(text?.trim()),
      ),
    );
    const ok = await this.ui.run(async () => {
      const coversScreenshots = this.coversScreenshots();
      const draft = await this.api.post<Notice>('/privacy/notices', { texts, coversScreenshots });
      await this.api.post(`/privacy/notices/${draft.id}/publish`, { coversScreenshots });
    }, this.i18n.t('privacy.noticePublished'));
    if (ok) {
      this.notices.reload();
      this.missing.reload();
    }
  }

  protected async publishPolicy(): Promise<void> {
    const effective = new Date(Date.now() + 31 * DAY_MS).toISOString().slice(0, 10);
    const saved = await this.ui.form({
      title: this.i18n.t('privacy.newPolicy'),
      submitLabel: this.i18n.t('privacy.publish'),
      fields: [
        { name: 'summary', label: this.i18n.t('privacy.summary'), maxLength: 500 },
        {
          name: 'effectiveAt',
          label: this.i18n.t('privacy.effective'),
          required: true,
          value: effective,
          hint: this.i18n.t('privacy.effectiveHint'),
        },
        {
          name: 'authoritativeLanguage',
          label: this.i18n.t('settings.authoritativeLanguage'),
          type: 'select',
          value: 'en',
          options: LANGUAGES.map((l) => ({ value: l, label: this.i18n.t(`languages.${l}`) })),
        },
        ...LANGUAGES.map((l) => ({
          name: `text_${l}`,
          label: `${this.i18n.t('privacy.policyText')} (${l.toUpperCase()})`,
          type: 'textarea' as const,
        })),
      ],
      submit: (v) =>
        this.api.post('/privacy/policy/versions', {
          authoritativeLanguage: v['authoritativeLanguage'],
          effectiveAt: new Date(`${v['effectiveAt']}T00:00:00Z`).toISOString(),
          ...(v['summary'] ? { summary: v['summary'] } : {}),
          texts: Object.fromEntries(
            LANGUAGES.filter((l) => v[`text_${l}`]).map((l) => [l, v[`text_${l}`]]),
          ),
        }),
    });
    if (saved) this.policies.reload();
  }

  private async refreshFiled(): Promise<void> {
    const fresh = await Promise.all(
      this.filed().map((r) =>
        r.status === 'pending' || r.status === 'processing'
          ? this.api
              .get<PrivacyRequest>(`/privacy/requests/${r.id}`)
              .then((n) => ({ ...r, ...n }))
              .catch(() => r)
          : Promise.resolve(r),
      ),
    );
    this.filed.set(fresh);
  }
}
