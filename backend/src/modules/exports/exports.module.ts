import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { PeriodLocksModule } from '../period-locks/period-locks.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { WorkingTimeModule } from '../working-time/working-time.module.js';
import { ExportDelivery } from './export-delivery.js';
import { ExportRunProcessor } from './export-run.processor.js';
import { ExportsController } from './exports.controller.js';
import { ExportsMaintenance } from './exports-maintenance.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { ReportSubscriptionsController } from './report-subscriptions.controller.js';
import { ReportSubscriptionsRepository } from './report-subscriptions.repository.js';
import { ReportSubscriptionsService } from './report-subscriptions.service.js';
import { ReportTables } from './report-tables.js';
import { PayrollController } from './payroll/payroll.controller.js';
import { PayrollService } from './payroll/payroll.service.js';

/** Report exports (CSV, XLSX, PDF) written by the worker, and scheduled report mails. */
@Module({
  imports: [AccountsModule, ReportsModule, WorkingTimeModule, PeriodLocksModule],
  controllers: [ExportsController, ReportSubscriptionsController, PayrollController],
  providers: [
    ExportsRepository,
    ExportsService,
    ReportTables,
    PayrollService,
    ExportDelivery,
    ExportRunProcessor,
    ExportsMaintenance,
    ReportSubscriptionsRepository,
    ReportSubscriptionsService,
  ],
  exports: [ExportsService],
})
export class ExportsModule {}
