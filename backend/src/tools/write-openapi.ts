// Writes backend/openapi.json from the running api's routes; `npm test` fails when it is stale.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load-config.js';
import { buildOpenApiDocument, createApp } from '../configure-app.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../../openapi.json', import.meta.url));

export function serializeOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-openapi-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    writeFileSync(OPENAPI_FILE, serializeOpenApi(buildOpenApiDocument(app)));
    console.log(`Wrote ${OPENAPI_FILE}`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
