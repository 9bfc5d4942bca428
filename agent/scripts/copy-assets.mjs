// tsc compiles the renderer's scripts; its pages, styles and the tray icons are copied as they are.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'renderer');
const to = join(root, 'dist', 'renderer');
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) {
  if (name.endsWith('.html') || name.endsWith('.css')) cpSync(join(from, name), join(to, name));
}
cpSync(join(root, 'assets'), join(root, 'dist', 'assets'), { recursive: true });
