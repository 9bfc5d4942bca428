import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { AgentModule } from '../agent/agent.module.js';
import { DevicesRepository } from '../agent/devices.repository.js';
import { EnrollmentService } from '../agent/enrollment.service.js';
import { EnrollmentTokensRepository } from '../agent/enrollment-tokens.repository.js';
import { AuditModule } from '../audit/audit.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { DemoController } from './demo.controller.js';
import { DemoProcessor } from './demo.processor.js';
import { DemoRepository } from './demo.repository.js';
import { DemoService } from './demo.service.js';

/** Demo data for a trial: loaded into an empty organization, removed in one action. */
@Module({
  imports: [AccountsModule, ActivityModule, AgentModule, AuditModule, PrivacyModule],
  controllers: [DemoController],
  providers: [
    DemoRepository,
    DemoService,
    DemoProcessor,
    // Demo devices enroll as an agent would; the agent module does not export its enrollment.
    EnrollmentService,
    EnrollmentTokensRepository,
    DevicesRepository,
  ],
  exports: [DemoService],
})
export class DemoModule {}
