// Writes dist/console/route-preloads.json: for each route of the console, every lazy chunk its
// first render needs (the route's components and their static imports, transitively). The api adds
// them as `<link rel="modulepreload">` to the index.html it answers for that path, so the browser
// fetches them beside the initial chunks instead of in waves, one after each chunk is evaluated.
//
// Routes come from src/app/app.routes.ts and the feature route files it lazy-loads (parsed with the
// TypeScript compiler); chunks come from esbuild's metafile (`ng build --stats-json`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/console');
const srcApp = join(root, 'src/app');

/** `import('./x')` or `import('@app/x')` from `file`, as a path relative to the frontend root. */
function resolveImport(spec, file) {
  const base = spec.startsWith('@app/')
    ? join(srcApp, spec.slice(5))
    : resolve(dirname(file), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`route-preloads: cannot resolve ${spec} from ${file}`);
}

/** The first `import('…')` in an arrow function, and the export `.then((m) => m.X)` picks. */
function lazyImport(node, file) {
  let spec;
  let member;
  const visit = (n) => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      spec ??= n.arguments[0].text;
    }
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) member ??= n.name.text;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return spec ? { file: resolveImport(spec, file), member } : null;
}

function propertyOf(object, name) {
  return object.properties.find(
    (p) => ts.isPropertyAssignment(p) && p.name && ts.isIdentifier(p.name) && p.name.text === name,
  )?.initializer;
}

function guardNames(object) {
  const names = [];
  for (const key of ['canActivate', 'canMatch']) {
    const list = propertyOf(object, key);
    if (list && ts.isArrayLiteralExpression(list)) {
      for (const e of list.elements) names.push(e.getText());
    }
  }
  return names;
}

/** The route array exported as `name` from `file` (or the only `Routes` array there). */
function routesIn(file, name) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && (!name || d.name.text === name)) {
        if (d.initializer && ts.isArrayLiteralExpression(d.initializer)) return d.initializer;
      }
    }
  }
  throw new Error(`route-preloads: no routes ${name ?? ''} in ${file}`);
}

/**
 * Flattens routes into `{ path, files, session, redirectTo }`: `files` are the source files whose
 * chunks the route needs (a parent's component included), `session` is 'in' behind the signed-in
 * guard, 'out' behind the signed-out one.
 */
function collect(array, file, prefix, inherited, session, out) {
  for (const element of array.elements) {
    if (!ts.isObjectLiteralExpression(element)) continue;
    const pathNode = propertyOf(element, 'path');
    const segment = pathNode && ts.isStringLiteral(pathNode) ? pathNode.text : '';
    const path = [prefix, segment].filter(Boolean).join('/');
    const guards = guardNames(element);
    const routeSession = guards.includes('signedInGuard')
      ? 'in'
      : guards.includes('signedOutGuard')
        ? 'out'
        : session;
    const redirect = propertyOf(element, 'redirectTo');
    if (redirect && ts.isStringLiteral(redirect)) {
      const target = redirect.text.startsWith('/')
        ? redirect.text.slice(1)
        : [prefix, redirect.text].filter(Boolean).join('/');
      out.push({ path, files: [], session: routeSession, redirectTo: target });
      continue;
    }
    const files = [...inherited];
    const component = propertyOf(element, 'loadComponent');
    if (component) files.push(lazyImport(component, file).file);
    const children = propertyOf(element, 'children');
    const lazyChildren = propertyOf(element, 'loadChildren');
    if (children && ts.isArrayLiteralExpression(children)) {
      collect(children, file, path, files, routeSession, out);
    } else if (lazyChildren) {
      const target = lazyImport(lazyChildren, file);
      collect(
        routesIn(target.file, target.member),
        target.file,
        path,
        [...files, target.file],
        routeSession,
        out,
      );
    } else if (path !== '**') {
      out.push({ path, files, session: routeSession });
    }
  }
  return out;
}

const metafile = JSON.parse(readFileSync(join(dist, 'stats.json'), 'utf8'));
// Source file (relative to the frontend root) → the output chunk holding it: by the chunk's inputs,
// which also holds after Angular's chunk optimizer merged chunks (its metafile has no entryPoint).
const chunkOf = new Map();
for (const [output, meta] of Object.entries(metafile.outputs)) {
  if (!output.endsWith('.js')) continue;
  for (const input of Object.keys(meta.inputs ?? {})) chunkOf.set(input, output);
  if (meta.entryPoint) chunkOf.set(meta.entryPoint, output);
}
const initial = new Set();
const index = readFileSync(join(dist, 'browser/index.html'), 'utf8');
for (const m of index.matchAll(/(?:src|href)="([\w.-]+\.js)"/g)) initial.add(m[1]);

/** The chunk for a source file and every chunk it imports statically, minus the initial ones. */
function closure(files) {
  const seen = new Set();
  const queue = files.map((f) => {
    const chunk = chunkOf.get(relative(root, f));
    if (!chunk) throw new Error(`route-preloads: no chunk for ${relative(root, f)}`);
    return chunk;
  });
  while (queue.length) {
    const output = queue.shift();
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement') queue.push(imported.path);
    }
  }
  return [...seen].map((output) => basename(output)).filter((name) => !initial.has(name));
}

const appRoutes = join(srcApp, 'app.routes.ts');
const routes = collect(routesIn(appRoutes, 'routes'), appRoutes, '', [], 'any', []);
const manifest = { routes: [] };
for (const route of routes) {
  const target =
    route.redirectTo === undefined ? route : routes.find((r) => r.path === route.redirectTo);
  if (!target || target.redirectTo !== undefined) continue;
  manifest.routes.push({ path: route.path, session: route.session, chunks: closure(target.files) });
}
writeFileSync(join(dist, 'route-preloads.json'), `${JSON.stringify(manifest, null, 1)}\n`);
const sizes = manifest.routes.map((r) => r.chunks.length);
console.log(
  `route-preloads: ${manifest.routes.length} routes, ${Math.min(...sizes)}–${Math.max(...sizes)} chunks each`,
);
