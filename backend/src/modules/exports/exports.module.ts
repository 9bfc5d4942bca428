import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { ExportDelivery } from './export-delivery.js';
import { ExportRunProcessor } from './export-run.processor.js';
import { ExportsController } from './exports.controller.js';
import { ExportsMaintenance } from './exports-maintenance.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { ReportTables } from './report-tables.js';

/** Report exports (CSV, XLSX, PDF) written by the worker, and scheduled report mails. */
@Module({
  imports: [AccountsModule, ReportsModule],
  controllers: [ExportsController],
  providers: [
    ExportsRepository,
    ExportsService,
    ReportTables,
    ExportDelivery,
    ExportRunProcessor,
    ExportsMaintenance,
  ],
  exports: [ExportsService],
})
export class ExportsModule {}
