import { Injectable } from '@nestjs/common';

/** Asked before a batch is stored; throws the domain error that refuses it. */
export interface IngestionPolicy {
  assertMayIngest(device: { organizationId: string; employeeId: string }): Promise<void>;
}

/**
 * The port through which modules above activity (privacy's monitoring notice) refuse a batch
 * without ingestion knowing them: they register here when they start.
 */
@Injectable()
export class IngestionPolicies {
  private readonly policies: IngestionPolicy[] = [];

  register(policy: IngestionPolicy): void {
    this.policies.push(policy);
  }

  async assertMayIngest(device: { organizationId: string; employeeId: string }): Promise<void> {
    for (const policy of this.policies) await policy.assertMayIngest(device);
  }
}
