import { Module, type OnApplicationBootstrap, Inject } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DirectoryAuthService } from './directory-auth.service.js';
import { DirectoryConfigService } from './directory-config.service.js';
import { DirectoryController, DirectoryLoginController } from './directory.controller.js';
import { DirectoryProcessors } from './directory.processors.js';
import { DirectoryProvisioner } from './directory-provisioner.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectorySyncService } from './directory-sync.service.js';
import { DirectoryTestService } from './directory-test.service.js';

/** LDAP / Active Directory: settings, sign-in, scheduled sync (docs/identity.md). */
@Module({
  imports: [AccountsModule],
  controllers: [DirectoryController, DirectoryLoginController],
  providers: [
    DirectoryRepository,
    DirectoryConfigService,
    DirectoryTestService,
    DirectoryProvisioner,
    DirectoryAuthService,
    DirectorySyncService,
    DirectoryProcessors,
  ],
})
export class DirectoryModule implements OnApplicationBootstrap {
  constructor(@Inject(DirectoryConfigService) private readonly configs: DirectoryConfigService) {}

  /** IT's file is applied at once; the scheduler re-applies it each minute. */
  async onApplicationBootstrap(): Promise<void> {
    await this.configs.applyEnvironment().catch((err: unknown) => {
      logger.error({ err }, 'DIRECTORY_CONFIG_PATH not applied');
    });
  }
}
