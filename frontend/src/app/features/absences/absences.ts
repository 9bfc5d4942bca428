import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  resource,
  signal,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import { Router } from '@angular/router';
import type {
  Absence,
  Holiday,
  Page,
  Team,
  VacationAllowance,
  VacationPolicy,
} from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import {
  currentMonth,
  daysInclusive,
  daysOfMonth,
  loadAbsences,
  loadAllEmployees,
  monthRange,
  parseMonth,
  shiftMonth,
} from '@app/shared/data/working-time';
import { AbsenceForms } from '@app/shared/ui/absence-forms';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { VacationBalance } from '@app/shared/ui/vacation-balance';
import { AbsenceCalendar, type AbsenceLine } from './absence-calendar';
import { CARD_PARTS } from '@app/shared/ui/parts/card';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

const MAX_VACATION_DAYS = 366;

/** Who is away this month, the requests waiting for a decision, and filing absences. */
@Component({
  selector: 'ctx-absences',
  imports: [
    CARD_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
    AsyncState,
    WhenReady,
    AbsenceCalendar,
    VacationBalance,
  ],
  templateUrl: './absences.html',
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    .request .actions {
      display: flex;
      gap: 8px;
    }
    .request .note {
      flex-basis: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AbsencesPage {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly router = inject(Router);
  private readonly forms = inject(AbsenceForms);
  private readonly auth = inject(Auth);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  /** Owner, admin, HR: file absences for anyone (approved at once), see balances. */
  protected readonly canManage = this.auth.can('managePeople');
  protected readonly ownEmployeeId = computed(() => this.auth.user()?.employeeId ?? null);

  readonly month = input<string>();
  readonly teamId = input<string>();

  protected readonly shownMonth = computed(() => parseMonth(this.month()) ?? currentMonth());
  protected readonly days = computed(() => daysOfMonth(this.shownMonth()));
  protected readonly year = computed(() => Number(this.shownMonth().slice(0, 4)));
  protected readonly selected = signal('');

  private readonly absencesRef = resource({
    params: () => ({
      ...monthRange(this.shownMonth()),
      ...(this.teamId() ? { teamId: this.teamId() } : {}),
    }),
    loader: ({ params }) => loadAbsences(this.api, params),
  });
  private readonly requestsRef = resource({
    params: () => ({
      status: 'requested' as const,
      ...(this.teamId() ? { teamId: this.teamId() } : {}),
    }),
    loader: ({ params }) => loadAbsences(this.api, params),
  });
  // HR files absences for anyone and looks up anyone's balance: they need the whole list.
  private readonly employeesRef = resource({
    params: () => (this.canManage ? {} : undefined),
    loader: () => loadAllEmployees(this.api),
  });
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  private readonly holidaysRef = httpResource<{ items: Holiday[] }>(() => ({
    url: api('/holidays'),
    params: { year: this.year() },
  }));
  private readonly policyRef = httpResource<VacationPolicy>(() =>
    this.canManage ? api('/vacation-policy') : undefined,
  );
  private readonly allowanceRef = httpResource<VacationAllowance>(() =>
    this.canManage && this.selected()
      ? api(`/vacation-policy/employees/${this.selected()}`)
      : undefined,
  );
  /** Bumped after an allowance changes, so the balances shown are asked for again. */
  protected readonly revision = signal(0);

  protected readonly absences = viewOf(this.absencesRef, this.i18n);
  protected readonly requests = viewOf(this.requestsRef, this.i18n);
  protected readonly employees = viewOf(this.employeesRef, this.i18n);
  protected readonly policy = viewOf(this.policyRef, this.i18n);
  protected readonly allowance = viewOf(this.allowanceRef, this.i18n);
  protected readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  protected readonly holidays = computed(
    () =>
      new Map(
        (this.holidaysRef.hasValue() ? (this.holidaysRef.value()?.items ?? []) : []).map((h) => [
          h.date,
          h.name,
        ]),
      ),
  );
  protected readonly sortedEmployees = computed(() =>
    [...(this.employees.data() ?? [])]
      .filter((e) => e.status !== 'deactivated')
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
  );

  protected readonly lines = computed<AbsenceLine[]>(() => {
    const byEmployee = new Map<string, AbsenceLine & { absences: Absence[] }>();
    for (const absence of this.absences.data() ?? []) {
      if (absence.status === 'rejected' || absence.status === 'cancelled') continue;
      const line = byEmployee.get(absence.employeeId) ?? {
        employeeId: absence.employeeId,
        name: absence.employeeName,
        absences: [],
      };
      line.absences.push(absence);
      byEmployee.set(absence.employeeId, line);
    }
    return [...byEmployee.values()].sort((a, b) => a.name.localeCompare(b.name));
  });

  protected readonly pending = computed(() =>
    [...(this.requests.data() ?? [])].sort(
      (a, b) => a.from.localeCompare(b.from) || a.employeeName.localeCompare(b.employeeName),
    ),
  );

  protected readonly selectedName = computed(
    () => this.employees.data()?.find((e) => e.id === this.selected())?.fullName ?? '',
  );

  protected daysOf(absence: Absence): number {
    return daysInclusive(absence.from, absence.to);
  }

  /** Nobody decides their own request (the server says so too). */
  protected canDecide(absence: Absence): boolean {
    return absence.employeeId !== this.ownEmployeeId();
  }

  protected shift(by: number): void {
    this.navigate({ month: shiftMonth(this.shownMonth(), by) });
  }

  protected setTeam(teamId: string): void {
    this.navigate({ teamId: teamId || null });
  }

  protected async file(): Promise<void> {
    if (await this.forms.file(this.employees.data() ?? [])) this.reload();
  }

  protected async request(): Promise<void> {
    const own = this.ownEmployeeId();
    if (own && (await this.forms.request(own))) {
      this.ui.notify(this.i18n.t('absences.requested'));
      this.reload();
    }
  }

  /** This month's absences in a list: who, what, when, status; newest first day last. */
  protected readonly monthList = computed(() =>
    [...(this.absences.data() ?? [])].sort(
      (a, b) => a.from.localeCompare(b.from) || a.employeeName.localeCompare(b.employeeName),
    ),
  );

  protected canCancel(absence: Absence): boolean {
    return this.forms.canCancel(absence, this.ownEmployeeId());
  }

  protected async cancel(absence: Absence): Promise<void> {
    if (await this.forms.cancel(absence, this.ownEmployeeId())) this.reload();
  }

  protected async decide(absence: Absence, decision: 'approve' | 'reject'): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/absences/${absence.id}/${decision}`),
      this.i18n.t(decision === 'approve' ? 'absences.approved' : 'absences.rejected'),
    );
    if (ok) this.reload();
  }

  /** The organization's vacation days a year, for everyone without their own. */
  protected async editPolicy(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('absences.balance.policyTitle'),
      submitLabel: this.i18n.t('common.save'),
      fields: [
        {
          name: 'daysPerYear',
          label: this.i18n.t('absences.balance.daysPerYear'),
          type: 'number',
          required: true,
          value: this.policy.data()?.daysPerYear ?? null,
        },
      ],
      validate: (v) => this.checkDays(v['daysPerYear'] ?? '', false),
      submit: (v) => this.api.put('/vacation-policy', { daysPerYear: Number(v['daysPerYear']) }),
    });
    if (saved) {
      this.policy.reload();
      this.allowance.reload();
      this.revision.update((n) => n + 1);
    }
  }

  /** The selected employee's own vacation days a year; empty: the organization's apply. */
  protected async editAllowance(): Promise<void> {
    const id = this.selected();
    if (!id) return;
    const saved = await this.ui.form({
      title: this.i18n.t('absences.balance.ownTitle', { name: this.selectedName() }),
      submitLabel: this.i18n.t('common.save'),
      fields: [
        {
          name: 'daysPerYear',
          label: this.i18n.t('absences.balance.daysPerYear'),
          type: 'number',
          value: this.allowance.data()?.daysPerYear ?? null,
          hint: this.i18n.t('absences.balance.ownHint'),
        },
      ],
      validate: (v) => this.checkDays(v['daysPerYear'] ?? '', true),
      submit: (v) =>
        this.api.put(`/vacation-policy/employees/${id}`, {
          daysPerYear: v['daysPerYear'] === '' ? null : Number(v['daysPerYear']),
        }),
    });
    if (saved) {
      this.allowance.reload();
      this.revision.update((n) => n + 1);
    }
  }

  private checkDays(value: string, emptyAllowed: boolean): string | null {
    if (value === '' && emptyAllowed) return null;
    const days = Number(value);
    return Number.isInteger(days) && days >= 0 && days <= MAX_VACATION_DAYS
      ? null
      : this.i18n.t('absences.balance.daysRange', { max: MAX_VACATION_DAYS });
  }

  private reload(): void {
    this.absences.reload();
    this.requests.reload();
    this.revision.update((n) => n + 1);
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
