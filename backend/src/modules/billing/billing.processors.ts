import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { BillingRepository } from './billing.repository.js';
import { InvoicesService, previousMonth } from './invoices/invoices.service.js';
import { LicenseService } from './license.service.js';

/** The scheduled side of billing: seat metering and the monthly invoice run. */
@Injectable()
export class BillingProcessors {
  constructor(
    @Inject(BillingRepository) private readonly repository: BillingRepository,
    @Inject(LicenseService) private readonly licenses: LicenseService,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
  ) {}

  // Several samples a day, each kept as the day's maximum: a restart or a missed run loses little.
  @JobProcessor('billing.meter-seats', { schedule: { everySeconds: 6 * 3600 } })
  meterSeats(): Promise<void> {
    return this.meterSeatsAt(new Date());
  }

  async meterSeatsAt(now: Date): Promise<void> {
    for (const organizationId of await this.repository.organizationIds()) {
      await this.licenses.recordSeats(organizationId, now);
    }
  }

  // Idempotent per (organization, month): running it every few hours issues each month once, early on the 1st.
  @JobProcessor('billing.issue-invoices', { schedule: { everySeconds: 3 * 3600 } })
  issueInvoices(): Promise<void> {
    return this.issueInvoicesAt(new Date());
  }

  async issueInvoicesAt(now: Date): Promise<void> {
    const period = previousMonth(now);
    let issued = 0;
    for (const organizationId of await this.repository.organizationIds()) {
      const { created } = await this.invoices.issueForPeriod(organizationId, period, now);
      if (created) issued += 1;
    }
    if (issued > 0) logger.info({ period, issued }, 'invoices issued');
  }
}
