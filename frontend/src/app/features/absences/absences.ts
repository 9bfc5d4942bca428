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
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import type { Absence, Holiday, Page, Team } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import {
  currentMonth,
  daysInclusive,
  daysOfMonth,
  loadAllEmployees,
  monthRange,
  parseMonth,
  shiftMonth,
} from '@app/shared/data/working-time';
import { AbsenceForms } from '@app/shared/ui/absence-forms';
import { AsyncState } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { VacationBalance } from '@app/shared/ui/vacation-balance';
import { AbsenceCalendar, type AbsenceLine } from './absence-calendar';

/** Who is away this month, the requests waiting for a decision, and filing absences. */
@Component({
  selector: 'ctx-absences',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    AsyncState,
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

  private readonly absencesRef = httpResource<{ items: Absence[] }>(() => ({
    url: api('/absences'),
    params: query(monthRange(this.shownMonth())),
  }));
  private readonly requestsRef = httpResource<{ items: Absence[] }>(() => ({
    url: api('/absences'),
    params: { status: 'requested' },
  }));
  private readonly employeesRef = resource({
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

  protected readonly absences = viewOf(this.absencesRef, this.i18n);
  protected readonly requests = viewOf(this.requestsRef, this.i18n);
  protected readonly employees = viewOf(this.employeesRef, this.i18n);
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
  private readonly people = computed(
    () => new Map((this.employees.data() ?? []).map((e) => [e.id, e])),
  );
  protected readonly sortedEmployees = computed(() =>
    [...(this.employees.data() ?? [])].sort((a, b) => a.fullName.localeCompare(b.fullName)),
  );

  protected readonly lines = computed<AbsenceLine[]>(() => {
    const team = this.teamId();
    const people = this.people();
    const byEmployee = new Map<string, Absence[]>();
    for (const absence of this.absences.data()?.items ?? []) {
      if (absence.status === 'rejected') continue;
      if (team && people.get(absence.employeeId)?.teamId !== team) continue;
      const list = byEmployee.get(absence.employeeId) ?? [];
      list.push(absence);
      byEmployee.set(absence.employeeId, list);
    }
    return [...byEmployee.entries()]
      .map(([employeeId, absences]) => ({ employeeId, name: this.nameOf(employeeId), absences }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  protected readonly pending = computed(() =>
    [...(this.requests.data()?.items ?? [])]
      .filter((a) => !this.teamId() || this.people().get(a.employeeId)?.teamId === this.teamId())
      .sort((a, b) => a.from.localeCompare(b.from)),
  );

  protected nameOf(employeeId: string): string {
    return this.people().get(employeeId)?.fullName ?? '—';
  }

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

  protected async decide(absence: Absence, decision: 'approve' | 'reject'): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/absences/${absence.id}/${decision}`),
      this.i18n.t(decision === 'approve' ? 'absences.approved' : 'absences.rejected'),
    );
    if (ok) this.reload();
  }

  private reload(): void {
    this.absences.reload();
    this.requests.reload();
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
