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
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import type {
  Employee,
  MonitoringNotice,
  Page,
  PolicyVersion,
  PrivacyRequest,
} from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';

const POLL_MS = 1500;

export function isOverdue(request: Pick<PrivacyRequest, 'status' | 'dueAt'>, now: number): boolean {
  return (
    (request.status === 'pending' || request.status === 'processing') &&
    new Date(request.dueAt).getTime() < now
  );
}

@Component({
  selector: 'ctx-privacy',
  imports: [
    FormsModule,
    MatTabsModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    AsyncState,
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
  protected readonly noticeText = signal('');

  private readonly requestsRef = httpResource<Page<PrivacyRequest>>(() => ({
    url: api('/privacy/requests'),
    params: { pageSize: 100 },
  }));
  private readonly employeesRef = httpResource<Page<Employee>>(() => ({
    url: api('/employees'),
    params: { pageSize: 200 },
  }));
  private readonly noticeRef = httpResource<MonitoringNotice>(() => api('/privacy/notice'));
  private readonly policiesRef = httpResource<{ items: PolicyVersion[] }>(() =>
    api('/privacy/policy-versions'),
  );

  protected readonly requests = viewOf(this.requestsRef, this.i18n);
  protected readonly notice = viewOf(this.noticeRef, this.i18n);
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

  protected readonly allRequests = computed(() => {
    const listed = this.requests.data()?.items ?? [];
    const ids = new Set(listed.map((r) => r.id));
    return [...this.filed().filter((r) => !ids.has(r.id)), ...listed];
  });
  protected readonly overdueCount = computed(
    () => this.allRequests().filter((r) => isOverdue(r, this.now)).length,
  );
  protected readonly requestColumns = ['type', 'employee', 'status', 'dueAt', 'actions'];
  protected readonly policyColumns = ['version', 'publishedAt', 'effectiveAt'];

  constructor() {
    effect(() => {
      const n = this.notice.data();
      if (n) this.noticeText.set(n.text);
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
    if (!request.downloadUrl) return;
    await this.ui.run(() => this.downloads.save(request.downloadUrl!, `privacy-${request.id}.zip`));
  }

  protected async saveNotice(): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.put('/privacy/notice', { text: this.noticeText() }),
      this.i18n.t('privacy.noticePublished'),
    );
    if (ok) this.notice.reload();
  }

  protected async publishPolicy(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('privacy.newPolicy'),
      submitLabel: this.i18n.t('privacy.publish'),
      fields: [
        { name: 'version', label: this.i18n.t('privacy.version'), required: true, maxLength: 40 },
        {
          name: 'text',
          label: this.i18n.t('privacy.policyText'),
          type: 'textarea',
          required: true,
        },
      ],
      submit: (v) =>
        this.api.post('/privacy/policy-versions', { version: v['version'], text: v['text'] }),
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
