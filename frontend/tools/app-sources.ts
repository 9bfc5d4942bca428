import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The console's source directory, for checks that read its templates. */
export const app = join(__dirname, '../src/app');

/** Every .ts and .html file under `dir`, specs left out: what the templates and code are. */
export function* sources(dir: string = app): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts')) yield path;
  }
}
