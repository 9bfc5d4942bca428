// Generates the typed API schema from the backend's OpenAPI document.
// `node tools/generate-api.mjs` writes src/app/api/schema.ts; `--check` only compares.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = resolve(root, '../backend/openapi.json');
const outPath = resolve(root, 'src/app/api/schema.ts');

const HEADER = `// Generated from backend/openapi.json by \`npm run api:generate -w frontend\`. Do not edit.\n`;

export async function generate() {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const ast = await openapiTS(spec, { exportType: true, alphabetize: true });
  const code = HEADER + '/* eslint-disable */\n' + astToString(ast);
  const options = (await prettier.resolveConfig(outPath)) ?? {};
  return prettier.format(code, { ...options, parser: 'typescript' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(outPath, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== fresh) {
      console.error('src/app/api/schema.ts is stale: run `npm run api:generate -w frontend`.');
      process.exit(1);
    }
    console.log('API schema is up to date.');
  } else {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, fresh);
    console.log(`wrote ${outPath}`);
  }
}
