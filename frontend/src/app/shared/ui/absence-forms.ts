import { Injectable, inject } from '@angular/core';
import type { AbsenceKind, Employee } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { isProblem } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { isoDay } from '@app/shared/data/dates';
import { daysInclusive } from '@app/shared/data/working-time';
import { Ui } from './confirm';
import type { FormField } from './form-dialog';

const KINDS: readonly AbsenceKind[] = ['vacation', 'sick', 'other'];
const MAX_DAYS = 366;

/** The two ways an absence is entered: filed by HR (approved at once) or requested by oneself. */
@Injectable({ providedIn: 'root' })
export class AbsenceForms {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);

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
      explain: (error) => (isProblem(error, 'absence-overlaps') ? 'absences.overlaps' : null),
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
