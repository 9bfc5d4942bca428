import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
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
      useFactory: (config: AppConfig): ScreenshotStorage => {
        switch (config.screenshots.storage) {
          case 'filesystem':
            return new FileSystemScreenshotStorage(config.screenshots.dir);
        }
      },
    },
  ],
  exports: [ScreenshotsService, ScreenshotNotices],
})
export class ScreenshotsModule {}
