// The operations docs link to files that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './deploy-files.js';

const docsDir = join(REPO_ROOT, 'docs');
const pages = [
  ...readdirSync(docsDir).filter((f) => f.endsWith('.md')),
  ...readdirSync(join(docsDir, 'adr')).map((f) => `adr/${f}`),
];

describe('docs', () => {
  it.each(pages)('%s links only to files that exist', (page) => {
    const text = readFileSync(join(docsDir, page), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    const missing = targets.filter(
      (target) => !existsSync(join(dirname(join(docsDir, page)), target)),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    'install-compose.md',
    'install-helm.md',
    'configuration.md',
    'tls-and-proxy.md',
    'upgrade.md',
    'backup-restore.md',
    'scaling.md',
    'security.md',
    'privacy-officer.md',
    'architecture.md',
  ])('README.md links %s', (page) => {
    expect(readFileSync(join(docsDir, 'README.md'), 'utf8')).toContain(`](${page})`);
  });
});
