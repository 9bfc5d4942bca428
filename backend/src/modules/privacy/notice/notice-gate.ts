import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error.js';
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
 * Called by ingestion for every batch: one indexed query. Until a notice is published nothing is
 * refused; afterwards the device's employee must have acknowledged the current version.
 */
@Injectable()
export class NoticeGate {
  constructor(@Inject(NoticeRepository) private readonly notices: NoticeRepository) {}

  async assertMayIngest(device: { organizationId: string; employeeId: string }): Promise<void> {
    const state = await this.notices.gate(device.organizationId, device.employeeId);
    if (state && !state.acknowledged) throw new NoticeNotAcknowledgedError(state.version);
  }
}

/** Global so the activity module can inject the gate without importing the privacy module. */
@Global()
@Module({ providers: [NoticeRepository, NoticeGate], exports: [NoticeRepository, NoticeGate] })
export class NoticeGateModule {}
