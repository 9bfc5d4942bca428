import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DataCollectionSettingsController } from './data-collection/data-collection-settings.controller.js';
import { DataCollectionSettingsRepository } from './data-collection/data-collection-settings.repository.js';
import { DataCollectionSettingsService } from './data-collection/data-collection-settings.service.js';
import { AgentDownloadsController } from './downloads/agent-downloads.controller.js';
import { AgentDownloadsService } from './downloads/agent-downloads.service.js';
import { DeviceAuthGuard } from './device-auth.guard.js';
import { DeviceAuthService } from './device-auth.service.js';
import { DeviceSelfController } from './device-self.controller.js';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService } from './devices.service.js';
import { EnrollmentChecks } from './enrollment-checks.js';
import { EnrollmentController } from './enrollment.controller.js';
import { EnrollmentService } from './enrollment.service.js';
import { EnrollmentTokensRepository } from './enrollment-tokens.repository.js';

/**
 * Enrollment tokens, devices and their tokens, inventory, what agents may collect; the guard every
 * agent route uses; the agent downloads and install script.
 */
@Module({
  imports: [AccountsModule],
  controllers: [
    EnrollmentController,
    DevicesController,
    DeviceSelfController,
    DataCollectionSettingsController,
    AgentDownloadsController,
  ],
  providers: [
    EnrollmentTokensRepository,
    DevicesRepository,
    EnrollmentService,
    EnrollmentChecks,
    DevicesService,
    DeviceAuthService,
    DeviceAuthGuard,
    DataCollectionSettingsRepository,
    DataCollectionSettingsService,
    AgentDownloadsService,
  ],
  exports: [
    DeviceAuthService,
    DeviceAuthGuard,
    DevicesService,
    DataCollectionSettingsService,
    EnrollmentChecks,
  ],
})
export class AgentModule {}
