// Fails the build when the console's initial JavaScript exceeds the gzip budget, or when a page's
// first screen needs more files than its budget. Angular's own budgets measure raw bytes; this
// measures what browsers actually download, and how many requests: on HTTP/1.1 (six connections)
// each file costs a round trip, so twenty small chunks wait longer than a few large ones.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 400 * 1024;
/**
 * Files a page's first screen loads: index.html's scripts and the route's modulepreloads. One
 * above each page's count of 2026-12-07: each extra file costs the first screen a round trip.
 */
const FILE_BUDGETS = { 'sign-in': 11, dashboard: 9, reports: 10 };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const browser = join(root, 'dist/console/browser');

export function initialScripts(html) {
  const files = new Set();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) {
    files.add(match[1]);
  }
  return [...files];
}

/** Entry scripts plus every chunk they import statically (Angular preloads only the first few). */
export function initialClosure(entries, read) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports only: `from"./chunk.js"` or `import"./chunk.js"`, never `import("./chunk.js")`.
    for (const m of read(file).matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)) {
      queue.push(m[1]);
    }
  }
  return [...seen];
}

const html = readFileSync(join(browser, 'index.html'), 'utf8');
const files = initialClosure(initialScripts(html), (f) => readFileSync(join(browser, f), 'utf8'));
if (files.length === 0) {
  console.error('check-bundle-size: no initial scripts found in index.html');
  process.exit(1);
}
let total = 0;
for (const file of files) {
  total += gzipSync(readFileSync(join(browser, file)), { level: 9 }).length;
}
const kb = (total / 1024).toFixed(1);
if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript is ${kb} KB gzip, over the ${BUDGET_BYTES / 1024} KB budget.`);
  process.exit(1);
}
console.log(`Initial JavaScript: ${kb} KB gzip over ${files.length} files (budget 400 KB).`);

const preloads = JSON.parse(readFileSync(join(browser, 'route-preloads.json'), 'utf8'));
const counts = [];
for (const [path, budget] of Object.entries(FILE_BUDGETS)) {
  const route = preloads.find((r) => r.path === path);
  if (!route) {
    console.error(`check-bundle-size: route-preloads.json has no /${path}`);
    process.exit(1);
  }
  const count = initialScripts(html).length + route.preload.length;
  if (count > budget) {
    console.error(
      `/${path} loads ${count} files before its first screen, over its budget of ${budget}: ` +
        'a small module many pages share may belong with main (src/main.ts).',
    );
    process.exit(1);
  }
  counts.push(`/${path} ${count} (budget ${budget})`);
}
console.log(`Files before the first screen: ${counts.join(', ')}.`);
