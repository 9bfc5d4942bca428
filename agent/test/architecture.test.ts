import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

/** Every module reachable at run time (type-only imports erased) from the given entry. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const spec of importsOf(entry)) {
    if (spec.startsWith('.'))
      reachable(resolve(dirname(entry), spec.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec);
  }
  return seen;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('architecture', () => {
  it('keeps Electron out of the core, the CLI and every test', () => {
    const entries = [
      join(root, 'src/cli/main.ts'),
      ...filesUnder(join(root, 'src/core')),
      // shell.test.ts tests main/ against the stub that jest maps `electron` to.
      ...filesUnder(join(root, 'test')).filter((f) => !f.endsWith('shell.test.ts')),
    ];
    for (const entry of entries) {
      const graph = reachable(entry);
      const shell = [join(root, 'src/main'), join(root, 'src/preload')];
      const offending = [...graph].filter(
        (m) => m === 'electron' || shell.some((dir) => m.startsWith(dir)),
      );
      expect({ entry, offending }).toEqual({ entry, offending: [] });
    }
    // The check sees the shell when it is there.
    expect(reachable(join(root, 'src/main/main.ts')).has('electron')).toBe(true);
  });

  it('has a lint rule that refuses an Electron import in the core', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      "import { app } from 'electron';\nexport const a = app;\n",
      {
        filePath: join(root, 'src/core/types.ts'),
      },
    );
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('keeps the agent version equal to package.json', async () => {
    const { AGENT_VERSION } = await import('../src/core/version.js');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(AGENT_VERSION).toBe(pkg.version);
  });
});
