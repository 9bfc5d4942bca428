import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '#src/common/errors/domain-error.js';
import {
  IngestionPolicies,
  type IngestionPolicy,
} from '#src/modules/activity/ingestion/ingestion-policies.js';
import { NoticeRepository } from './notice.repository.js';

export class NoticeNotAcknowledgedError extends DomainError {
  constructor(version: number) {
    super(
      403,
      'notice-not-acknowledged',
      'Monitoring notice not acknowledged',
      `The organization published monitoring notice version ${version}; its employee must acknowledge it on this device before activity is accepted (GET /api/v1/agent/notice, then POST /api/v1/agent/notice/acknowledgements).`,
      { noticeVersion: version },
    );
  }
}

/**
 * Asked by ingestion for every batch (one of its IngestionPolicies): one indexed query. Until a
 * notice is published nothing is refused; afterwards the device's employee must have acknowledged
 * the current version.
 */
@Injectable()
export class NoticeGate implements IngestionPolicy, OnModuleInit {
  constructor(
    @Inject(NoticeRepository) private readonly notices: NoticeRepository,
    @Inject(IngestionPolicies) private readonly ingestion: IngestionPolicies,
  ) {}

  onModuleInit(): void {
    this.ingestion.register(this);
  }

  async assertMayIngest(device: { organizationId: string; employeeId: string }): Promise<void> {
    const state = await this.notices.gate(device.organizationId, device.employeeId);
    if (state && !state.acknowledged) throw new NoticeNotAcknowledgedError(state.version);
  }
}
