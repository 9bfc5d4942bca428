import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { AgentModule } from '../agent/agent.module.js';
import { ScreenshotsModule } from '../screenshots/screenshots.module.js';
import { WorkingTimeModule } from '../working-time/working-time.module.js';
import { AccessExportRepository } from './access/access-export.repository.js';
import { AccessExportService } from './access/access-export.service.js';
import { ErasureRepository } from './erasure/erasure.repository.js';
import { ErasureService } from './erasure/erasure.service.js';
import { ErasureCompactionProcessor } from './jobs/erasure-compaction.processor.js';
import { PrivacyRequestProcessor } from './jobs/privacy-request.processor.js';
import { AgentNoticeController, NoticeController } from './notice/notice.controller.js';
import { NoticeGate } from './notice/notice-gate.js';
import { ScreenshotNoticeGate } from './notice/screenshot-notice-gate.js';
import { NoticeRepository } from './notice/notice.repository.js';
import { NoticeService } from './notice/notice.service.js';
import { PolicyController } from './policy/policy.controller.js';
import { PolicyRepository } from './policy/policy.repository.js';
import { PolicyService } from './policy/policy.service.js';
import { PrivacyMail } from './privacy-mail.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyRequestsController } from './requests/privacy-requests.controller.js';
import { PrivacyRequestsService } from './requests/privacy-requests.service.js';
import { RetentionController } from './retention/retention.controller.js';
import { RetentionRepository } from './retention/retention.repository.js';
import { RetentionService } from './retention/retention.service.js';

/** Privacy requests (access, erasure, rectification), the monitoring notice, policy versions, retention. */
@Module({
  imports: [AccountsModule, AgentModule, ActivityModule, WorkingTimeModule, ScreenshotsModule],
  controllers: [
    PrivacyRequestsController,
    NoticeController,
    AgentNoticeController,
    PolicyController,
    RetentionController,
  ],
  providers: [
    PrivacyRepository,
    PrivacyMail,
    PrivacyRequestsService,
    AccessExportRepository,
    AccessExportService,
    ErasureRepository,
    ErasureService,
    PrivacyRequestProcessor,
    ErasureCompactionProcessor,
    NoticeRepository,
    NoticeGate,
    ScreenshotNoticeGate,
    NoticeService,
    PolicyRepository,
    PolicyService,
    RetentionRepository,
    RetentionService,
  ],
  // The demo publishes a notice and removes its people the way an erasure request does.
  exports: [PrivacyRequestsService, RetentionService, NoticeService, ErasureService],
})
export class PrivacyModule {}
