import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DataCollectionSettingsController } from './data-collection/data-collection-settings.controller.js';
import { DataCollectionSettingsRepository } from './data-collection/data-collection-settings.repository.js';
import { DataCollectionSettingsService } from './data-collection/data-collection-settings.service.js';
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
 * agent route uses.
 */
@Module({
  imports: [AccountsModule],
  controllers: [
    EnrollmentController,
    DevicesController,
    DeviceSelfController,
    DataCollectionSettingsController,
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
