import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  /** SCREENSHOTS_* variables selecting this server's bucket. */
  env: Record<string, string>;
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/**
 * A real S3-compatible HTTP server on a free port, with its own temporary directory and one empty
 * bucket: s3rver speaks the S3 REST protocol, checks access key ids (not v4 signatures) and keeps
 * objects on disk. Its store races when one DeleteObjects empties a folder (a 500 once); minio
 * retries the request, so tests pass and log a warning.
 */
export async function startS3Server(bucket = 'calltimex-screenshots'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'ctx-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      SCREENSHOTS_STORAGE: 's3',
      SCREENSHOTS_S3_ENDPOINT: endpoint,
      SCREENSHOTS_S3_BUCKET: bucket,
      SCREENSHOTS_S3_REGION: 'us-east-1',
      // s3rver's built-in account.
      SCREENSHOTS_S3_ACCESS_KEY_ID: 'S3RVER',
      SCREENSHOTS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      SCREENSHOTS_S3_FORCE_PATH_STYLE: 'true',
    },
    close: async () => {
      // Clients keep connections alive; close them so the server stops at once.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
