import { existsSync, readFileSync } from 'node:fs';
import { powerMonitor, safeStorage } from 'electron';
import { writeFileAtomic } from '../core/files.js';
import type { IdleSource, SecretStore } from '../core/ports.js';

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
