import { existsSync, readFileSync } from 'node:fs';
import { desktopCapturer, Notification, powerMonitor, safeStorage, screen } from 'electron';
import { writeFileAtomic } from '../core/files.js';
import type { IdleSource, ScreenCapture, SecretStore, SpooledScreenshot } from '../core/ports.js';
import { bgraToRgba, type RgbaImage } from '../core/screenshots/raster.js';

/** Secrets encrypted with the OS keychain (DPAPI, Keychain, libsecret/kwallet) via safeStorage. */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read()[key] ?? null);
  }

  set(key: string, value: string): Promise<void> {
    this.write({ ...this.read(), [key]: value });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    const { [key]: _removed, ...rest } = this.read();
    this.write(rest);
    return Promise.resolve();
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(safeStorage.decryptString(readFileSync(this.file))) as Record<
        string,
        string
      >;
    } catch {
      // The keychain entry is gone (new OS profile, restored backup): the device enrolls again.
      return {};
    }
  }

  private write(secrets: Record<string, string>): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('the OS secret store is not available; the device token is not saved');
    }
    writeFileAtomic(this.file, safeStorage.encryptString(JSON.stringify(secrets)));
  }
}

export const powerMonitorIdle: IdleSource = {
  idleSeconds: () => Promise.resolve(powerMonitor.getSystemIdleTime()),
};

/**
 * Windows and macOS: the primary display through Chromium's desktopCapturer, at its full pixel
 * size (the core downscales). macOS shows only the wallpaper until the person grants the Screen
 * Recording permission; such an image is still taken (it shows nothing of their work).
 */
export class DesktopCapturerScreen implements ScreenCapture {
  async capture(): Promise<RgbaImage | null> {
    const display = screen.getPrimaryDisplay();
    const width = Math.round(display.size.width * display.scaleFactor);
    const height = Math.round(display.size.height * display.scaleFactor);
    const sources = await desktopCapturer.getSources({
      types: ['screen'],
      thumbnailSize: { width, height },
    });
    const source = sources.find((s) => s.display_id === String(display.id)) ?? sources[0];
    if (source === undefined || source.thumbnail.isEmpty()) return null;
    const size = source.thumbnail.getSize();
    // Chromium's bitmaps are BGRA in memory.
    return bgraToRgba(size.width, size.height, source.thumbnail.toBitmap());
  }
}

/** The discreet notice at each capture: a silent system notification. */
export function notifyScreenshot(
  shot: SpooledScreenshot,
  texts: { title: string; body: string },
): void {
  if (!Notification.isSupported()) return;
  new Notification({
    title: texts.title,
    body: texts.body.replace('{time}', new Date(shot.capturedAt).toLocaleTimeString()),
    silent: true,
  }).show();
}
