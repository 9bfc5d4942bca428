import type { Readable } from 'node:stream';
import { Client, S3Error } from 'minio';
import type { ScreenshotsS3Config } from '#src/config/app-config.js';
import { assertSafeKey, type ScreenshotStorage } from './screenshot-storage.js';

type DeleteError = { Code?: string; Key?: string };

const MISSING = new Set(['NoSuchKey', 'NotFound']);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A key prefix as a folder: `org/emp` must not also match `org/emp2`. */
function folder(prefix: string): string {
  assertSafeKey(prefix);
  return `${prefix.replace(/\/$/, '')}/`;
}

/** Objects in one bucket of an S3-compatible store (AWS S3, MinIO, Ceph, Garage...). */
export class S3ScreenshotStorage implements ScreenshotStorage {
  private readonly client: Client;
  private readonly bucket: string;

  constructor(config: ScreenshotsS3Config) {
    const url = new URL(config.endpoint);
    const useSSL = url.protocol === 'https:';
    this.bucket = config.bucket;
    this.client = new Client({
      endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      region: config.region,
      accessKey: config.accessKeyId,
      secretKey: config.secretAccessKey,
      pathStyle: config.forcePathStyle,
    });
  }

  /** At start-up: the bucket is there and the keys open it; the error names neither key. */
  async verify(): Promise<void> {
    let exists: boolean;
    try {
      exists = await this.client.bucketExists(this.bucket);
    } catch (error) {
      const code = error instanceof S3Error ? error.code : (error as NodeJS.ErrnoException).code;
      throw new Error(
        `Screenshot storage: cannot reach bucket "${this.bucket}" (${code ?? String(error)}); ` +
          'check SCREENSHOTS_S3_ENDPOINT, SCREENSHOTS_S3_REGION and the access keys',
      );
    }
    if (!exists) {
      throw new Error(
        `Screenshot storage: bucket "${this.bucket}" does not exist (SCREENSHOTS_S3_BUCKET); create it first`,
      );
    }
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertSafeKey(key);
    // A PUT replaces the object whole: readers see the old bytes or the new, never half.
    await this.client.putObject(this.bucket, key, data, data.length, {
      'Content-Type': 'image/webp',
    });
  }

  async get(key: string): Promise<Buffer | null> {
    assertSafeKey(key);
    try {
      return await readAll(await this.client.getObject(this.bucket, key));
    } catch (error) {
      if (error instanceof S3Error && MISSING.has(error.code ?? '')) return null;
      throw error;
    }
  }

  /** S3's DeleteObjects does not tell a missing key from a removed one: both count. */
  async delete(keys: string[]): Promise<number> {
    keys.forEach(assertSafeKey);
    if (keys.length === 0) return 0;
    // minio sends at most 1,000 keys per DeleteObjects request, as S3 allows.
    const results = (await this.client.removeObjects(this.bucket, keys)) as unknown[];
    // minio returns DeleteResult's <Error> elements ({ Code, Key }); its typings wrap them in Error.
    const failed = results
      .map((r) => (r as { Error?: DeleteError } | null)?.Error ?? (r as DeleteError | null))
      .filter((e): e is DeleteError => !!e?.Code);
    if (failed.length > 0) {
      throw new Error(
        `Screenshot storage: ${failed.length} objects not deleted (${failed[0].Code} on ${failed[0].Key})`,
      );
    }
    return keys.length;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    return this.delete(keys);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    // ListObjects (v1) pages by the last key seen, which every S3-compatible server answers.
    const stream = this.client.listObjects(this.bucket, folder(prefix), true);
    for await (const item of stream as AsyncIterable<{ name?: string }>) {
      if (item.name) keys.push(item.name);
    }
    return keys;
  }
}
