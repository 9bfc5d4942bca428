// Module boundaries, built from architecture.json: no cycles, and each part imports only what the
// file allows it. Run by `npm run lint:boundaries` (part of `npm run lint`).
const architecture = require('./architecture.json');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const platform = Object.keys(architecture.platform);
const dirOf = (part) => (part in architecture.platform ? part : `modules/${part}`);
const under = (dirs) => `^src/(${dirs.map(escape).join('|')})/`;
const registry = `^src/${escape(architecture.entityRegistry.file)}$`;

const allowed = [
  ...Object.entries(architecture.platform).map(([part, may]) => ({ part, may })),
  ...Object.entries(architecture.modules).map(([part, may]) => ({
    part,
    may: [...platform, ...may],
  })),
];
const parts = allowed.map(({ part }) => dirOf(part));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two files one unit: break it with a port (see EnrollmentChecks).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...allowed.map(({ part, may }) => ({
      name: `${part}-imports`,
      severity: 'error',
      comment: `${dirOf(part)} may import only ${may.join(', ') || 'nothing of the backend'} (architecture.json).`,
      from: { path: under([dirOf(part)]), pathNot: registry },
      to: { path: '^src/', pathNot: under([dirOf(part), ...may.map(dirOf)]) },
    })),
    {
      name: 'activity-internals',
      severity: 'error',
      comment:
        "Activity's rollups and repositories are its own: other modules read through ActivityReadModel and remove through ActivityErasure / ActivityRetention.",
      from: { path: '^src/modules/', pathNot: '^src/modules/activity/' },
      to: { path: '^src/modules/activity/(rollups/|.*[.]repository[.]ts$)' },
    },
    {
      name: 'entity-registry-imports',
      severity: 'error',
      comment: 'The entity registry lists entity files only (architecture.json).',
      from: { path: registry },
      to: {
        path: '^src/modules/',
        pathNot: architecture.entityRegistry.may,
      },
    },
    {
      name: 'nothing-imports-composition',
      severity: 'error',
      comment:
        'The composition root (app/worker modules, entry points, CLI) is imported by no part.',
      from: { path: under(parts) },
      to: { path: '^src/', pathNot: under(parts) },
    },
    {
      name: 'no-unknown-module',
      severity: 'error',
      comment: 'Every folder of src/modules is named in architecture.json.',
      from: { path: '^src/modules/' },
      to: { path: '^src/modules/', pathNot: under(parts) },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      // #src/… resolves to the sources through the "types" condition of package.json "imports".
      conditionNames: ['types', 'import', 'node', 'default'],
    },
  },
};
