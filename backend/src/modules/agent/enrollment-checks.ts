import { Injectable } from '@nestjs/common';

/** Asked before a device is enrolled; throws the domain error that refuses it. */
export interface EnrollmentCheck {
  assertCanEnroll(organizationId: string, employeeId: string, now: Date): Promise<void>;
}

/**
 * The port through which modules above the agent's (billing's seat limit) take part in enrollment
 * without the agent module knowing them: they register here when they start.
 */
@Injectable()
export class EnrollmentChecks {
  private readonly checks: EnrollmentCheck[] = [];

  register(check: EnrollmentCheck): void {
    this.checks.push(check);
  }

  async assertCanEnroll(
    organizationId: string,
    employeeId: string,
    now = new Date(),
  ): Promise<void> {
    for (const check of this.checks) await check.assertCanEnroll(organizationId, employeeId, now);
  }
}
