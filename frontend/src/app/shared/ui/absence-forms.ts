import { Injectable, inject } from '@angular/core';
import type { Absence, AbsenceKind, Employee } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { isProblem } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { isoDay } from '@app/shared/data/dates';
import { daysInclusive } from '@app/shared/data/working-time';
import { Ui } from './confirm';
import type { FormField } from './form-dialog';

const KINDS: readonly AbsenceKind[] = ['vacation', 'sick', 'other'];
const MAX_DAYS = 366;

/**
 * The ways an absence is entered or taken back: filed by HR (approved at once), requested by
 * oneself, withdrawn or cancelled.
 */
@Injectable({ providedIn: 'root' })
export class AbsenceForms {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);
  private readonly fmt = inject(Format);

  /** HR files an absence for any employee; it is approved at once. */
  file(employees: readonly Employee[]): Promise<boolean> {
    return this.open(
      this.i18n.t('absences.file'),
      this.i18n.t('absences.fileSubmit'),
      [
        {
          name: 'employeeId',
          label: this.i18n.t('attendance.employee'),
          type: 'select',
          required: true,
          options: [...employees]
            .filter((e) => e.status !== 'deactivated')
            .sort((a, b) => a.fullName.localeCompare(b.fullName))
            .map((e) => ({ value: e.id, label: e.fullName })),
        },
      ],
      null,
    );
  }

  /** An employee asks for leave for themself; a manager or HR approves it. */
  request(employeeId: string): Promise<boolean> {
    return this.open(
      this.i18n.t('absences.request'),
      this.i18n.t('absences.requestSubmit'),
      [],
      employeeId,
    );
  }

  /** May the viewer take this absence back? Their own only while it waits; others' (as a decider) while requested or approved. */
  canCancel(absence: Absence, ownEmployeeId: string | null): boolean {
    if (absence.status !== 'requested' && absence.status !== 'approved') return false;
    return absence.employeeId !== ownEmployeeId || absence.status === 'requested';
  }

  /** Withdraws one's own request, or cancels someone's absence, after asking; true when done. */
  async cancel(absence: Absence, ownEmployeeId: string | null): Promise<boolean> {
    const own = absence.employeeId === ownEmployeeId;
    const days = this.fmt.dayRange(absence.from, absence.to);
    const question = own
      ? this.i18n.t('absences.confirmWithdraw', { days })
      : this.i18n.t('absences.confirmCancel', { name: absence.employeeName, days });
    if (!this.ui.confirm(question)) return false;
    return this.ui.run(
      () => this.api.post(`/absences/${absence.id}/cancel`),
      this.i18n.t('absences.cancelled'),
    );
  }

  private open(
    title: string,
    submitLabel: string,
    lead: FormField[],
    employeeId: string | null,
  ): Promise<boolean> {
    const today = isoDay(new Date());
    return this.ui.form({
      title,
      submitLabel,
      fields: [
        ...lead,
        {
          name: 'kind',
          label: this.i18n.t('absences.kind'),
          type: 'select',
          required: true,
          value: 'vacation',
          options: KINDS.map((k) => ({ value: k, label: this.i18n.t(`absences.kinds.${k}`) })),
        },
        {
          name: 'from',
          label: this.i18n.t('absences.from'),
          type: 'date',
          required: true,
          value: today,
        },
        {
          name: 'to',
          label: this.i18n.t('absences.to'),
          type: 'date',
          required: true,
          value: today,
        },
        { name: 'note', label: this.i18n.t('absences.note'), type: 'textarea', maxLength: 1000 },
      ],
      explain: (error) => {
        if (isProblem(error, 'absence-overlaps')) return 'absences.overlaps';
        if (isProblem(error, 'too-many-open-requests')) return 'absences.tooMany';
        return null;
      },
      validate: (v) => {
        const from = v['from'] ?? '';
        const to = v['to'] ?? '';
        if (to < from) return this.i18n.t('absences.toBeforeFrom');
        if (daysInclusive(from, to) > MAX_DAYS) return this.i18n.t('absences.tooLong');
        return null;
      },
      submit: (v) =>
        this.api.post('/absences', {
          employeeId: employeeId ?? v['employeeId'],
          kind: v['kind'],
          from: v['from'],
          to: v['to'],
          ...(v['note']?.trim() ? { note: v['note'].trim() } : {}),
        }),
    });
  }
}
