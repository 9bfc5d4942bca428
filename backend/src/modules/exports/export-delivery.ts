import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Mailer } from '../notifications/mailer.service.js';
import type { ReportExportEntity } from './entities/report-export.entity.js';

/** What happens when an export is ready: a mail with the link (once, whatever the retries). */
@Injectable()
export class ExportDelivery {
  constructor(
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async delivered(e: ReportExportEntity): Promise<void> {
    if (e.subscriptionId) return;
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
        downloadUrl: `${this.config.http.publicUrl}/api/v1/exports/${e.id}/file`,
        expiresAt: (e.expiresAt ?? new Date()).toISOString(),
      },
    });
  }
}
