/**
 * Where screenshot bytes live. One implementation per backend, chosen once at start-up
 * (SCREENSHOTS_STORAGE); keys are relative paths made of ids only
 * (`<organization>/<employee>/<yyyy-mm>/<id>.<kind>.webp`).
 */
export interface ScreenshotStorage {
  /** Stores the bytes under key, replacing what was there; atomic: readers never see half a file. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under key. */
  get(key: string): Promise<Buffer | null>;
  /**
   * Removes the keys; a missing key is no error. Returns how many were removed (S3 cannot tell a
   * missing key from a removed one: there, every key asked counts).
   */
  delete(keys: string[]): Promise<number>;
  /** Removes everything under prefix (an organization's or a person's folder). */
  deletePrefix(prefix: string): Promise<number>;
  /** Every key under prefix (erasure's verification, tests). */
  list(prefix: string): Promise<string[]>;
}

export const SCREENSHOT_STORAGE = Symbol('SCREENSHOT_STORAGE');

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Keys and prefixes are built from ids; anything else (.., absolute paths) is a bug, refused. */
export function assertSafeKey(key: string): void {
  const parts = key.replace(/\/$/, '').split('/');
  if (parts.length === 0 || parts.some((p) => !SEGMENT.test(p) || p.includes('..'))) {
    throw new Error(`unsafe screenshot storage key: ${JSON.stringify(key)}`);
  }
}
