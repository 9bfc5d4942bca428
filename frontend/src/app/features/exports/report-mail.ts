import { Injectable, inject } from '@angular/core';
import type { Team } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { I18n, type TranslationKey } from '@app/core/i18n/i18n.service';
import { Ui } from '@app/shared/ui/confirm';

export const MAIL_REPORTS = ['summary', 'usage', 'attendance', 'attendance-totals'] as const;
export type MailReport = (typeof MAIL_REPORTS)[number];

/** `GET /report-subscriptions`: a user's standing order for a weekly or monthly report mail. */
export interface ReportSubscription {
  id: string;
  frequency: 'weekly' | 'monthly';
  format: 'csv' | 'xlsx' | 'pdf';
  report: MailReport;
  teamId: string | null;
  delivery: 'attachment' | 'link';
  lastPeriodFrom: string | null;
  createdAt: string;
}

/** The dialog that sets up a report mail; from the Exports page and from a report. */
@Injectable({ providedIn: 'root' })
export class ReportMail {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);

  /** True when a subscription was created. */
  async subscribe(
    teams: readonly Team[],
    preset: { report?: MailReport; teamId?: string | null } = {},
  ): Promise<boolean> {
    const t = (key: TranslationKey) => this.i18n.t(key);
    const created = await this.ui.form({
      title: t('reportMail.new'),
      submitLabel: t('reportMail.subscribe'),
      fields: [
        {
          name: 'report',
          label: t('exports.report'),
          type: 'select',
          value: preset.report ?? 'summary',
          options: MAIL_REPORTS.map((r) => ({ value: r, label: t(`exports.reports.${r}`) })),
        },
        {
          name: 'frequency',
          label: t('reportMail.frequency'),
          type: 'select',
          value: 'weekly',
          options: [
            { value: 'weekly', label: t('reportMail.weekly') },
            { value: 'monthly', label: t('reportMail.monthly') },
          ],
        },
        {
          name: 'format',
          label: t('exports.format'),
          type: 'select',
          value: 'xlsx',
          options: ['xlsx', 'csv', 'pdf'].map((f) => ({ value: f, label: f.toUpperCase() })),
        },
        {
          name: 'teamId',
          label: t('people.team'),
          type: 'select',
          value: preset.teamId ?? '',
          options: [
            { value: '', label: t('common.allTeams') },
            ...teams.map((team) => ({ value: team.id, label: team.name })),
          ],
        },
        {
          name: 'delivery',
          label: t('reportMail.delivery'),
          type: 'select',
          value: 'attachment',
          options: [
            { value: 'attachment', label: t('reportMail.attachment') },
            { value: 'link', label: t('reportMail.link') },
          ],
        },
      ],
      submit: (v) =>
        this.api.post('/report-subscriptions', {
          report: v['report'],
          frequency: v['frequency'],
          format: v['format'],
          delivery: v['delivery'],
          ...(v['teamId'] ? { teamId: v['teamId'] } : {}),
        }),
    });
    if (created) this.ui.notify(t('reportMail.subscribed'));
    return created;
  }
}
