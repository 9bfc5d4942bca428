import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DeviceAuthGuard } from './device-auth.guard.js';
import { DeviceAuthService } from './device-auth.service.js';
import { DeviceSelfController } from './device-self.controller.js';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService } from './devices.service.js';
import { EnrollmentController } from './enrollment.controller.js';
import { EnrollmentService } from './enrollment.service.js';
import { EnrollmentTokensRepository } from './enrollment-tokens.repository.js';

/** Enrollment tokens, devices and their tokens, inventory; the guard every agent route uses. */
@Module({
  imports: [AccountsModule],
  controllers: [EnrollmentController, DevicesController, DeviceSelfController],
  providers: [
    EnrollmentTokensRepository,
    DevicesRepository,
    EnrollmentService,
    DevicesService,
    DeviceAuthService,
    DeviceAuthGuard,
  ],
  exports: [DeviceAuthService, DeviceAuthGuard, DevicesService],
})
export class AgentModule {}
