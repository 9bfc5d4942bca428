import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EnrollmentChecks, type EnrollmentCheck } from '../agent/enrollment-checks.js';
import { BillingRepository } from './billing.repository.js';
import { SeatLimitError } from './billing.errors.js';
import { EntitlementService } from './entitlement.service.js';

/**
 * Asked by enrollment before a device is added. An employee who already holds a seat (another
 * active device) takes no new one. Two enrollments racing for the last seat can both pass: the
 * grace margin and the daily metering absorb that, the invoice bills what was used.
 */
@Injectable()
export class SeatPolicy implements EnrollmentCheck, OnModuleInit {
  constructor(
    @Inject(BillingRepository) private readonly repository: BillingRepository,
    @Inject(EntitlementService) private readonly entitlements: EntitlementService,
    @Inject(EnrollmentChecks) private readonly enrollment: EnrollmentChecks,
  ) {}

  onModuleInit(): void {
    this.enrollment.register(this);
  }

  async assertCanEnroll(
    organizationId: string,
    employeeId: string,
    now = new Date(),
  ): Promise<void> {
    if (await this.repository.employeeHasSeat(organizationId, employeeId)) return;
    const entitlement = await this.entitlements.current(organizationId, now);
    // Without a license the installation is in evaluation: the pinned enrollment contract holds and
    // seats above the free tier are reported (GET /billing/seats), not refused.
    if (entitlement.licenseId === null) return;
    const seatsInUse = await this.repository.seatsInUse(organizationId);
    if (seatsInUse + 1 > entitlement.seats + entitlement.graceSeats) {
      throw new SeatLimitError({
        plan: entitlement.plan,
        licensedSeats: entitlement.seats,
        graceSeats: entitlement.graceSeats,
        seatsInUse,
      });
    }
  }
}
