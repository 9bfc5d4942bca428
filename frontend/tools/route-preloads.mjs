// Writes `dist/console/browser/route-preloads.json`: for each route of the console, the lazy chunks
// its page needs (the shell, the feature's routes, the page and every chunk they import), so the
// server can list them as `<link rel="modulepreload">` in the index.html it answers for that path.
// Without them the browser finds each lazy chunk only after the one before it has run.
// Reads the routes from the sources (TypeScript's parser) and the chunks from the build's
// stats.json (esbuild's metafile, `ng build --stats-json`).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const browser = join(root, 'dist/console/browser');
const ROUTES = join(root, 'src/app/app.routes.ts');

/** Chunk file name → the chunks it imports statically; source module → its lazy chunk. */
function readMetafile() {
  const meta = JSON.parse(readFileSync(join(root, 'dist/console/stats.json'), 'utf8'));
  const imports = new Map();
  const entries = new Map();
  const owners = new Map();
  for (const [output, info] of Object.entries(meta.outputs)) {
    if (!output.endsWith('.js')) continue;
    const file = basename(output);
    imports.set(
      file,
      (info.imports ?? [])
        .filter((i) => i.kind === 'import-statement')
        .map((i) => basename(i.path)),
    );
    if (info.entryPoint) entries.set(resolve(root, info.entryPoint.replace(/^angular:/, '')), file);
    else for (const input of Object.keys(info.inputs ?? {})) owners.set(resolve(root, input), file);
  }
  // With NG_BUILD_OPTIMIZE_CHUNKS the chunks are merged after esbuild and lose their entry points;
  // a lazy module is then found by the chunk that holds its code.
  for (const [module, file] of owners) if (!entries.has(module)) entries.set(module, file);
  return { imports, entries };
}

function closure(files, imports) {
  const seen = new Set();
  const queue = [...files];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(imports.get(file) ?? []));
  }
  return seen;
}

/** What index.html already loads: the entry script, its modulepreloads and what they import. */
function initialChunks(imports) {
  const html = readFileSync(join(browser, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([\w.-]+\.js)"/g)].map((m) => m[1]);
  return closure(files, imports);
}

function resolveModule(spec, fromFile) {
  const base = spec.startsWith('@app/')
    ? join(root, 'src/app', spec.slice('@app/'.length))
    : resolve(dirname(fromFile), spec);
  return `${base}.ts`;
}

const parsed = new Map();
function sourceOf(file) {
  if (!parsed.has(file)) {
    const text = readFileSync(file, 'utf8');
    parsed.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  }
  return parsed.get(file);
}

/** The module of the first `import('…')` inside a node (a loadComponent / loadChildren arrow). */
function dynamicImport(node, file) {
  let found = null;
  const visit = (n) => {
    if (found) return;
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      found = resolveModule(n.arguments[0].text, file);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The route array a module exports under `name` (loadChildren's `.then((m) => m.NAME)`). */
function exportedRoutes(file, name) {
  let found = null;
  for (const statement of sourceOf(file).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && (!name || decl.name.text === name)) {
        if (decl.initializer && ts.isArrayLiteralExpression(decl.initializer)) {
          found = decl.initializer;
        }
      }
    }
  }
  if (!found) throw new Error(`route-preloads: no route array ${name} in ${file}`);
  return found;
}

function property(object, name) {
  return object.properties.find(
    (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
  )?.initializer;
}

/**
 * Leaf routes as `{ path, modules, signedIn }`: the path pattern, the lazy modules along the way,
 * and whether a route on the way is guarded by `signedInGuard`.
 */
function collect(array, file, prefix, modules, out, signedIn = false) {
  for (const element of array.elements) {
    if (!ts.isObjectLiteralExpression(element)) continue;
    const pathNode = property(element, 'path');
    if (!pathNode || !ts.isStringLiteral(pathNode) || property(element, 'redirectTo')) continue;
    // The wildcard's page (not found) is not worth a hint on every unknown path.
    if (pathNode.text === '**') continue;
    const path = [prefix, pathNode.text].filter(Boolean).join('/');
    const here = [...modules];
    const guarded =
      signedIn || /\bsignedInGuard\b/.test(property(element, 'canActivate')?.getText() ?? '');
    const component = property(element, 'loadComponent');
    if (component) here.push(dynamicImport(component, file));
    const children = property(element, 'children');
    const lazyChildren = property(element, 'loadChildren');
    if (children && ts.isArrayLiteralExpression(children)) {
      collect(children, file, path, here, out, guarded);
    } else if (lazyChildren) {
      const module = dynamicImport(lazyChildren, file);
      const name = lazyChildren.getText().match(/\bm\.(\w+)/)?.[1];
      collect(exportedRoutes(module, name), module, path, [...here, module], out, guarded);
    } else if (component) {
      out.push({ path, modules: here, signedIn: guarded });
    }
  }
  return out;
}

const { imports, entries } = readMetafile();
const initial = initialChunks(imports);
const routes = collect(exportedRoutes(ROUTES, 'routes'), ROUTES, '', [], []).map(
  ({ path, modules, signedIn }) => {
    const chunks = modules.map((m) => {
      const chunk = entries.get(m);
      if (!chunk) throw new Error(`route-preloads: no chunk for ${m}`);
      return chunk;
    });
    const preload = [...closure(chunks, imports)].filter((c) => !initial.has(c));
    return signedIn ? { path, signedIn, preload } : { path, preload };
  },
);
writeFileSync(join(browser, 'route-preloads.json'), `${JSON.stringify(routes, null, 1)}\n`);

// Chrome fetches a deferred classic script at low priority, after every modulepreload: the session
// restore it starts would wait for all of Angular's chunks. It is 1 KB and starts the requests the
// signed-in pages wait for, so it is fetched first.
const index = join(browser, 'index.html');
const html = readFileSync(index, 'utf8');
const tagged = html.replace(
  /<script src="(session-start-\w+\.js)"(?! fetchpriority)/,
  '<script src="$1" fetchpriority="high"',
);
if (!tagged.includes('fetchpriority="high"')) {
  throw new Error('route-preloads: no session-start script in index.html');
}
writeFileSync(index, tagged);
console.log(`Route preloads: ${routes.length} routes → route-preloads.json.`);
