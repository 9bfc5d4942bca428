import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AgentModule } from '../agent/agent.module.js';
import { ScreenshotNotices } from './screenshot-notices.js';
import { ScreenshotSettingsService } from './screenshot-settings.service.js';
import { ScreenshotsAgentController } from './screenshots-agent.controller.js';
import {
  MyScreenshotsController,
  ScreenshotSettingsController,
  ScreenshotsController,
} from './screenshots.controller.js';
import { ScreenshotsRepository } from './screenshots.repository.js';
import { ScreenshotsService } from './screenshots.service.js';
import { FileSystemScreenshotStorage } from './storage/filesystem-screenshot-storage.js';
import { S3ScreenshotStorage } from './storage/s3-screenshot-storage.js';
import { SCREENSHOT_STORAGE, type ScreenshotStorage } from './storage/screenshot-storage.js';

/** Screenshots (privacy policy 1.6): capture settings, the storage port, upload, playback. */
@Module({
  imports: [AccountsModule, AgentModule],
  controllers: [
    ScreenshotsAgentController,
    ScreenshotSettingsController,
    ScreenshotsController,
    MyScreenshotsController,
  ],
  providers: [
    ScreenshotsRepository,
    ScreenshotNotices,
    ScreenshotSettingsService,
    ScreenshotsService,
    {
      provide: SCREENSHOT_STORAGE,
      inject: [APP_CONFIG],
      // One implementation per backend, chosen once (SCREENSHOTS_STORAGE).
      useFactory: async (config: AppConfig): Promise<ScreenshotStorage> => {
        const chosen = config.screenshots;
        switch (chosen.storage) {
          case 'filesystem':
            return new FileSystemScreenshotStorage(chosen.dir);
          case 's3': {
            const storage = new S3ScreenshotStorage(chosen.s3);
            // A wrong bucket or key fails the start, not the first upload hours later.
            await storage.verify();
            return storage;
          }
        }
      },
    },
  ],
  exports: [ScreenshotsService, ScreenshotNotices],
})
export class ScreenshotsModule {}
