import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AgentModule } from '../agent/agent.module.js';
import { BillingController } from './billing.controller.js';
import { BillingProcessors } from './billing.processors.js';
import { BillingRepository } from './billing.repository.js';
import { PanGuardInterceptor } from './card-data/pan-guard.interceptor.js';
import { ContactsService } from './contacts.service.js';
import { EntitlementService } from './entitlement.service.js';
import { InvoicesService } from './invoices/invoices.service.js';
import { LicenseService } from './license.service.js';
import { PaymentsService } from './payments.service.js';
import { SeatPolicy } from './seat-policy.js';

/**
 * Plans, seats, offline licenses, invoices, payments, billing contacts. The seat limit takes part
 * in enrollment through the agent module's EnrollmentChecks; the PAN guard covers every route.
 */
@Module({
  imports: [AgentModule],
  controllers: [BillingController],
  providers: [
    BillingRepository,
    EntitlementService,
    SeatPolicy,
    LicenseService,
    InvoicesService,
    PaymentsService,
    ContactsService,
    BillingProcessors,
    { provide: APP_INTERCEPTOR, useClass: PanGuardInterceptor },
  ],
})
export class BillingModule {}
