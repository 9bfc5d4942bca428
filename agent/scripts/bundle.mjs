// Builds the self-contained headless agent for Linux that the server offers for download:
//
//   calltimex-agent/
//     bin/calltimex-agent       sh launcher (the only thing put on PATH)
//     node                      the Node.js runtime the bundle runs on
//     lib/calltimex-agent.mjs   the CLI and its core, bundled by esbuild
//     lib/node_modules/…        better-sqlite3 (its native module built for this runtime), bindings
//     VERSION, SHA256SUMS
//
// Written to dist/bundle/calltimex-agent-<version>-linux-<arch>.tar.gz with a `.sha256` beside it.
// By default the runtime is the Node.js running this script and the native module the one npm built
// for it, so the bundle is for this machine's architecture. For another one (arm64 from an x64
// machine), pass both pieces built for it:
//   node scripts/bundle.mjs --arch arm64 --node /path/to/arm64/node \
//     --sqlite /path/to/arm64/better_sqlite3.node
// (docs/agent-rollout.md says where to get them; building on an arm64 machine needs neither flag).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: process.arch },
    node: { type: 'string', default: process.execPath },
    sqlite: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!['x64', 'arm64'].includes(values.arch)) {
  throw new Error(`--arch must be x64 or arm64, not ${values.arch}`);
}
if (values.arch !== process.arch && (!values.sqlite || values.node === process.execPath)) {
  throw new Error(
    `a bundle for ${values.arch} on this ${process.arch} machine needs --node and --sqlite built for ${values.arch}`,
  );
}

const agentRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(agentRoot, 'package.json'), 'utf8'));
const outDir = values.out ?? join(agentRoot, 'dist', 'bundle');
const name = `calltimex-agent-${version}-linux-${values.arch}`;
const stage = join(outDir, '.stage', 'calltimex-agent');
const require = createRequire(join(agentRoot, 'package.json'));

rmSync(join(outDir, '.stage'), { recursive: true, force: true });
mkdirSync(join(stage, 'bin'), { recursive: true });
mkdirSync(join(stage, 'lib'), { recursive: true });

await build({
  entryPoints: [join(agentRoot, 'src', 'cli', 'main.ts')],
  outfile: join(stage, 'lib', 'calltimex-agent.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The native module and its loader are shipped as files: bindings finds the .node by its path.
  external: ['better-sqlite3'],
  legalComments: 'linked',
  // The CLI source starts with its own shebang; the launcher runs the bundled node anyway.
  banner: {
    js: "import { createRequire as __ctxRequire } from 'node:module';\nconst require = __ctxRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
writeFileSync(join(stage, 'lib', 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);

// better-sqlite3's JavaScript, its native module, and what loads it.
const packageDir = (pkg) => dirname(require.resolve(`${pkg}/package.json`));
const sqliteDir = packageDir('better-sqlite3');
const sqliteTarget = join(stage, 'lib', 'node_modules', 'better-sqlite3');
mkdirSync(join(sqliteTarget, 'build', 'Release'), { recursive: true });
cpSync(join(sqliteDir, 'lib'), join(sqliteTarget, 'lib'), { recursive: true });
for (const file of ['package.json', 'LICENSE'])
  copyFileSync(join(sqliteDir, file), join(sqliteTarget, file));
copyFileSync(
  values.sqlite ?? join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'),
  join(sqliteTarget, 'build', 'Release', 'better_sqlite3.node'),
);
const sqliteRequire = createRequire(join(sqliteDir, 'package.json'));
for (const pkg of ['bindings', 'file-uri-to-path']) {
  const from = dirname(
    (pkg === 'bindings' ? sqliteRequire : createRequire(sqliteRequire.resolve('bindings'))).resolve(
      `${pkg}/package.json`,
    ),
  );
  cpSync(from, join(stage, 'lib', 'node_modules', pkg), { recursive: true });
}

copyFileSync(realpathSync(values.node), join(stage, 'node'));
chmodSync(join(stage, 'node'), 0o755);
writeFileSync(
  join(stage, 'bin', 'calltimex-agent'),
  [
    '#!/bin/sh',
    '# CallTimeX agent launcher: runs the bundled CLI on the bundled Node.js.',
    'here=$(dirname "$(readlink -f "$0")")',
    'exec "$here/../node" "$here/../lib/calltimex-agent.mjs" "$@"',
    '',
  ].join('\n'),
);
chmodSync(join(stage, 'bin', 'calltimex-agent'), 0o755);
writeFileSync(join(stage, 'VERSION'), `${version} linux-${values.arch}\n`);

// SHA256SUMS inside the bundle lets IT check an unpacked copy (`sha256sum -c SHA256SUMS`).
const files = [];
const walk = (dir) => {
  for (const entry of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).split('\n')) {
    if (entry) files.push(entry);
  }
};
walk(stage);
const sums = files
  .filter((file) => !file.endsWith('SHA256SUMS'))
  .sort()
  .map(
    (file) =>
      `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${relative(stage, file)}`,
  );
writeFileSync(join(stage, 'SHA256SUMS'), `${sums.join('\n')}\n`);

const archive = join(outDir, `${name}.tar.gz`);
rmSync(archive, { force: true });
// Sorted names, fixed owner and time: the same inputs give the same archive, so its SHA-256 is stable.
execFileSync('tar', [
  '--sort=name',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mtime=@0',
  '--use-compress-program=gzip -n',
  '-cf',
  archive,
  '-C',
  dirname(stage),
  'calltimex-agent',
]);
rmSync(join(outDir, '.stage'), { recursive: true, force: true });
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
writeFileSync(`${archive}.sha256`, `${sha256}  ${name}.tar.gz\n`);
const size = statSync(archive).size;
process.stdout.write(
  `bundle: ${relative(process.cwd(), archive)} (${(size / 1048576).toFixed(1)} MiB, sha256 ${sha256})\n`,
);
if (!existsSync(archive)) process.exit(1);
