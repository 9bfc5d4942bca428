import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  resource,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import { Router } from '@angular/router';
import type { AttendanceRow, Holiday, Page, Team } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import {
  currentMonth,
  daysOfMonth,
  loadAllEmployees,
  loadAttendance,
  loadAttendanceTotals,
  monthRange,
  parseMonth,
  shiftMonth,
} from '@app/shared/data/working-time';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { AttendanceGrid, type AttendanceLine } from '@app/shared/ui/attendance-grid';
import { SetupHints } from '@app/shared/ui/setup-hints';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** A month of attendance for the people in the viewer's scope, with each one's totals. */
@Component({
  selector: 'ctx-attendance',
  imports: [
    MatCard,
    MatCardContent,
    MatButton,
    MatIconButton,
    MatIcon,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
    AsyncState,
    WhenReady,
    AttendanceGrid,
    SetupHints,
  ],
  templateUrl: './attendance.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendancePage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly canManage = inject(Auth).can('managePeople');

  // Query parameters, so a month can be bookmarked and shared.
  readonly month = input<string>();
  readonly teamId = input<string>();

  protected readonly shownMonth = computed(() => parseMonth(this.month()) ?? currentMonth());
  protected readonly isCurrentMonth = computed(() => this.shownMonth() === currentMonth());
  protected readonly days = computed(() => daysOfMonth(this.shownMonth()));
  protected readonly year = computed(() => Number(this.shownMonth().slice(0, 4)));
  private readonly filters = computed(() => ({
    ...monthRange(this.shownMonth()),
    ...(this.teamId() ? { teamId: this.teamId() } : {}),
  }));

  private readonly rowsRef = resource({
    params: () => this.filters(),
    loader: ({ params }) => loadAttendance(this.api, params),
  });
  private readonly employeesRef = resource({
    params: () => (this.teamId() ? { teamId: this.teamId() } : {}),
    loader: ({ params }) => loadAllEmployees(this.api, params),
  });
  private readonly totalsRef = resource({
    params: () => this.filters(),
    loader: ({ params }) => loadAttendanceTotals(this.api, params),
  });
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  private readonly holidaysRef = httpResource<{ items: Holiday[] }>(() => ({
    url: api('/holidays'),
    params: { year: this.year() },
  }));

  protected readonly attendance = viewOf(this.rowsRef, this.i18n);
  protected readonly employees = viewOf(this.employeesRef, this.i18n);
  protected readonly totalsView = viewOf(this.totalsRef, this.i18n);
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

  /** Totals by employee, or null (no columns) while the server has no totals to give. */
  protected readonly totals = computed(() => {
    const items = this.totalsView.data();
    return items ? new Map(items.map((t) => [t.employeeId, t])) : null;
  });

  protected readonly lines = computed<AttendanceLine[]>(() => {
    const people = new Map((this.employees.data() ?? []).map((e) => [e.id, e]));
    const byEmployee = new Map<string, AttendanceRow[]>();
    for (const row of this.attendance.data() ?? []) {
      const rows = byEmployee.get(row.employeeId) ?? [];
      rows.push(row);
      byEmployee.set(row.employeeId, rows);
    }
    return [...byEmployee.entries()]
      .map(([employeeId, rows]) => {
        const person = people.get(employeeId);
        return {
          employeeId,
          name: person?.fullName ?? this.totals()?.get(employeeId)?.fullName ?? '—',
          timeZone: person?.timeZone ?? null,
          rows,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  protected readonly loading = computed(
    () => this.attendance.loading() || this.employees.loading(),
  );

  protected shift(by: number): void {
    this.navigate({ month: shiftMonth(this.shownMonth(), by) });
  }

  protected thisMonth(): void {
    this.navigate({ month: null });
  }

  protected setTeam(teamId: string): void {
    this.navigate({ teamId: teamId || null });
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
