import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Mailer } from '../notifications/mailer.service.js';
import type { ReportExportEntity } from './entities/report-export.entity.js';
import { exportFileName } from './exports.service.js';
import { ReportSubscriptionsRepository } from './report-subscriptions.repository.js';
import { CONTENT_TYPES } from './writers/table.js';

// Larger files go by link: many mail servers refuse big messages.
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What happens when an export is ready: one mail (whatever the retries), a link or the file. */
@Injectable()
export class ExportDelivery {
  constructor(
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(ReportSubscriptionsRepository)
    private readonly subscriptions: ReportSubscriptionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async delivered(e: ReportExportEntity): Promise<void> {
    const downloadUrl = `${this.config.http.publicUrl}/api/v1/exports/${e.id}/file`;
    if (!e.subscriptionId) {
      await this.mailer.queueMail({
        organizationId: e.organizationId,
        template: 'export-ready',
        to: { userId: e.requestedByUserId },
        dedupeKey: `export-ready:${e.id}`,
        params: {
          report: e.report,
          format: e.format,
          from: e.fromDay,
          to: e.toDay,
          downloadUrl,
          expiresAt: (e.expiresAt ?? new Date()).toISOString(),
        },
      });
      return;
    }
    const subscription = await this.subscriptions.findById(e.organizationId, e.subscriptionId);
    if (!subscription) return;
    const scope =
      (e.filters.teamId &&
        (await this.subscriptions.teamName(e.organizationId, e.filters.teamId))) ||
      (await this.subscriptions.organization(e.organizationId))?.name ||
      'CallTimeX';
    const attach =
      subscription.delivery === 'attachment' &&
      e.filePath !== null &&
      Number(e.fileSize ?? 0) <= MAX_ATTACHMENT_BYTES;
    await this.mailer.queueMail({
      organizationId: e.organizationId,
      template: 'scheduled-report',
      to: { userId: e.requestedByUserId },
      dedupeKey: `scheduled-report:${e.id}`,
      params: {
        report: e.report,
        frequency: subscription.frequency,
        from: e.fromDay,
        to: e.toDay,
        scope,
        employees: e.totals?.employees ?? e.rowCount,
        activeSeconds: e.totals?.activeSeconds ?? 0,
        productiveSeconds: e.totals?.productiveSeconds ?? 0,
        downloadUrl,
        attached: attach,
      },
      attachments:
        attach && e.filePath
          ? [
              {
                filename: exportFileName(e),
                path: e.filePath,
                contentType: CONTENT_TYPES[e.format],
              },
            ]
          : undefined,
    });
  }
}
