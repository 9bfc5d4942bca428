import { ScreenshotSettingsEntity } from './screenshot-settings.entity.js';
import { ScreenshotEntity } from './screenshot.entity.js';

export const SCREENSHOT_ENTITIES = [ScreenshotEntity, ScreenshotSettingsEntity];
