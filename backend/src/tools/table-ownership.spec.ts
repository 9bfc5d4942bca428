// The table-ownership lint (eslint.config.mjs, `tableOwnership`) must fail a file outside the
// activity module that names an activity table, and pass the real tree. Each case runs ESLint with
// only those rules in a child process, on a small tree shaped like src/ or on the backend itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Each case starts ESLint and its TypeScript parser (a few seconds, more on a busy machine).
const LINT_TIMEOUT = 60_000;

const BACKEND = resolve(process.cwd());
const ESLINT = pathToFileURL(createRequire(join(BACKEND, 'package.json')).resolve('eslint')).href;
const CONFIG = pathToFileURL(join(BACKEND, 'eslint.config.mjs')).href;
// Spelled in two parts: this file lies outside the activity module and is linted too.
const SPANS = ['activity', 'spans'].join('_');

function lint(cwd: string): { status: number | null; output: string } {
  const script = `
    const { ESLint } = await import(${JSON.stringify(ESLINT)});
    const { tableOwnership } = await import(${JSON.stringify(CONFIG)});
    const eslint = new ESLint({ cwd: ${JSON.stringify(cwd)}, overrideConfigFile: true, overrideConfig: tableOwnership });
    const results = await eslint.lintFiles(['src']);
    const format = await eslint.loadFormatter('stylish');
    process.stdout.write(await format.format(results));
    process.stdout.write('linted ' + results.length + ' files\\n');
    process.exitCode = results.some((r) => r.errorCount > 0) ? 1 : 0;
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function lintTree(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'ctx-table-ownership-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return lint(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('table ownership (eslint.config.mjs)', () => {
  it(
    'fails a module outside activity that names an activity table, in a string or a template',
    () => {
      const result = lintTree({
        'src/modules/reports/probe.repository.ts':
          `export const spans = 'SELECT startMs FROM ${SPANS} WHERE employeeId = ?';\n` +
          `export const days = (t: string): string => \`DELETE FROM \${t} JOIN ${SPANS}\`;\n`,
      });
      expect(result.status).toBe(1);
      expect(result.output).toContain('probe.repository.ts');
      expect(result.output).toContain('1:22');
      expect(result.output).toContain('2:60');
      expect(result.output).toContain('Only src/modules/activity names its tables');
    },
    LINT_TIMEOUT,
  );

  it(
    'passes the activity module and migrations naming its tables, and other names elsewhere',
    () => {
      const result = lintTree({
        'src/modules/activity/read-model/probe.repository.ts': `export const q: string = 'SELECT 1 FROM ${SPANS}';\n`,
        'src/database/migrations/1-Probe.ts': `export const up = 'CREATE TABLE ${SPANS} (id int)';\n`,
        'src/modules/reports/probe.ts':
          "export const ok = ['activity', 'spans', 'my_activity_x', 'ActivityReadModel'];\n",
      });
      // The rule leaves out the owner's folder and migrations: only the reports file is checked.
      expect(result.output).toContain('linted 1 files');
      expect(result.status).toBe(0);
    },
    LINT_TIMEOUT,
  );

  it(
    'passes the real tree',
    () => {
      const result = lint(BACKEND);
      expect(result.output).toMatch(/linted \d{3,} files/);
      expect(result.status).toBe(0);
    },
    LINT_TIMEOUT,
  );
});
