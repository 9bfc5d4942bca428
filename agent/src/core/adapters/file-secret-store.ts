import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files.js';
import type { SecretStore } from '../ports.js';

/**
 * For the headless CLI: a JSON file readable by its owner only (mode 0600). The Electron shell uses
 * the OS keychain through `safeStorage` instead.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read()[key] ?? null);
  }

  set(key: string, value: string): Promise<void> {
    writeFileAtomic(this.file, JSON.stringify({ ...this.read(), [key]: value }), 0o600);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    const { [key]: _removed, ...rest } = this.read();
    writeFileAtomic(this.file, JSON.stringify(rest), 0o600);
    return Promise.resolve();
  }

  private read(): Record<string, string> {
    return existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>)
      : {};
  }
}
