// The boundary lint must fail on what architecture.json forbids: each case builds a small tree
// shaped like src/ and runs dependency-cruiser on it with the project's own rules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Each case starts dependency-cruiser (about 2 s, more on a busy machine).
const CRUISE_TIMEOUT = 30_000;

const BACKEND = resolve(process.cwd());
const CONFIG = join(BACKEND, '.dependency-cruiser.cjs');

/** The CLI as npm installed it: in the backend's node_modules or, hoisted, the workspace's. */
function depcruiseBin(): string {
  for (let dir = BACKEND; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error('dependency-cruiser is not installed: run npm ci');
  }
}
const DEPCRUISE = depcruiseBin();

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'ctx-boundaries-'));
  try {
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
    );
    // The backend's own subpath imports, so #src/… resolves as in the real tree.
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        type: 'module',
        imports: { '#src/*': { types: './src/*', default: './dist/*' } },
      }),
    );
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const run = spawnSync(
      process.execPath,
      [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'],
      { cwd: root, encoding: 'utf8' },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('module boundaries (architecture.json)', () => {
  it(
    'passes imports the file allows',
    () => {
      const result = cruise({
        'src/modules/reports/summary.ts':
          "import { total } from '../activity/totals.js';\nexport const summary = total;\n",
        'src/modules/activity/totals.ts':
          "import { DAY_MS } from '../../common/time.js';\nexport const total = DAY_MS;\n",
        'src/common/time.ts': 'export const DAY_MS = 86_400_000;\n',
      });
      expect(result.output).toContain('no dependency violations');
      expect(result.status).toBe(0);
    },
    CRUISE_TIMEOUT,
  );

  it(
    'fails a module importing one above it',
    () => {
      const result = cruise({
        'src/modules/accounts/probe.ts':
          "import { summary } from '../reports/summary.js';\nexport const probe = summary;\n",
        'src/modules/reports/summary.ts': 'export const summary = 1;\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('accounts-imports');
    },
    CRUISE_TIMEOUT,
  );

  it(
    'follows #src/… imports like relative ones',
    () => {
      const result = cruise({
        'src/modules/accounts/probe.ts':
          "import { summary } from '#src/modules/reports/summary.js';\nexport const probe = summary;\n",
        'src/modules/reports/summary.ts': 'export const summary = 1;\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('accounts-imports');
      expect(result.output).toContain('src/modules/reports/summary.ts');
    },
    CRUISE_TIMEOUT,
  );

  it(
    'fails a cycle, even inside one module',
    () => {
      const result = cruise({
        'src/modules/activity/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'src/modules/activity/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('no-circular');
    },
    CRUISE_TIMEOUT,
  );

  it(
    'fails the platform importing a module, and a module importing the composition root',
    () => {
      const result = cruise({
        'src/common/auth.ts':
          "import { user } from '../modules/accounts/user.js';\nexport const auth = user;\n",
        'src/modules/accounts/user.ts':
          "import { app } from '../../app.module.js';\nexport const user = app;\n",
        'src/app.module.ts': 'export const app = 1;\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('common-imports');
      expect(result.output).toContain('nothing-imports-composition');
    },
    CRUISE_TIMEOUT,
  );

  it(
    "fails another module importing activity's rollups or repositories",
    () => {
      const result = cruise({
        'src/modules/reports/summary.ts':
          "import { RollupService } from '../activity/rollups/rollup.service.js';\n" +
          "import { ActivityReadRepository } from '../activity/read-model/activity-read.repository.js';\n" +
          "import { ActivityReadModel } from '../activity/read-model/activity-read-model.js';\n" +
          'export const summary = [RollupService, ActivityReadRepository, ActivityReadModel];\n',
        'src/modules/activity/rollups/rollup.service.ts': 'export class RollupService {}\n',
        'src/modules/activity/read-model/activity-read.repository.ts':
          'export class ActivityReadRepository {}\n',
        'src/modules/activity/read-model/activity-read-model.ts':
          "import { RollupService } from '../rollups/rollup.service.js';\n" +
          'export class ActivityReadModel { rollups = RollupService; }\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('activity-internals');
      expect(result.output).toContain('rollup.service.ts');
      expect(result.output).toContain('activity-read.repository.ts');
      expect(result.output).not.toContain('activity-read-model.ts');
    },
    CRUISE_TIMEOUT,
  );

  it(
    'fails a module folder that architecture.json does not name',
    () => {
      const result = cruise({
        'src/modules/reports/summary.ts':
          "import { x } from '../not-in-architecture/x.js';\nexport const summary = x;\n",
        'src/modules/not-in-architecture/x.ts': 'export const x = 1;\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('no-unknown-module');
    },
    CRUISE_TIMEOUT,
  );

  it(
    'lets the entity registry import entity files and nothing else of a module',
    () => {
      const result = cruise({
        'src/database/entities.ts':
          "import { UserEntity } from '../modules/accounts/entities/user.entity.js';\n" +
          "import { service } from '../modules/accounts/users.service.js';\n" +
          'export const ENTITIES = [UserEntity, service];\n',
        'src/modules/accounts/entities/user.entity.ts': 'export class UserEntity {}\n',
        'src/modules/accounts/users.service.ts': 'export const service = 1;\n',
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('entity-registry-imports');
      expect(result.output).toContain('users.service.ts');
      expect(result.output).not.toContain('user.entity.ts');
    },
    CRUISE_TIMEOUT,
  );
});
