// Copies package.json of the root and of every workspace, and the lock file, to the directory given.
// Used by the image build so that `npm ci` runs before the sources are copied.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const target = process.argv[2];
if (!target) throw new Error('usage: node docker/copy-manifests.mjs <target-dir>');

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const files = ['package.json', 'package-lock.json'];
for (const workspace of root.workspaces ?? []) {
  const manifest = join(workspace, 'package.json');
  if (existsSync(manifest)) files.push(manifest);
}
for (const file of files) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  copyFileSync(file, join(target, file));
}
console.log(`copied ${files.join(', ')}`);
