import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, sources } from './app-sources';

const subset = new Set(
  readFileSync(join(__dirname, '../src/fonts/material-icons.txt'), 'utf8').split('\n'),
);

/** Icon names as the console writes them: <mat-icon> text (also ternaries) and icon inputs. */
function iconNames(text: string): string[] {
  const names: string[] = [];
  for (const [, body] of text.matchAll(/<mat-icon\b[^>]*>([^<]*)<\/mat-icon>/g)) {
    // In a ternary the names are the branches: `kind === 'site' ? 'language' : 'apps'`.
    const literals = [...body.matchAll(/[?:]\s*'([a-z0-9_]+)'/g)].map((m) => m[1]);
    if (literals.length) names.push(...literals);
    else if (!body.includes('{{')) names.push(body.trim());
  }
  for (const [, name] of text.matchAll(/\b(?:icon|emptyIcon)(?:\s*:\s*|=)["']([a-z0-9_]+)["']/g)) {
    names.push(name);
  }
  for (const [, name] of text.matchAll(/\b(?:emptyIcon|icon) = input\('([a-z0-9_]+)'\)/g)) {
    names.push(name);
  }
  return names;
}

describe('Material Icons subset (src/fonts/material-icons.woff2)', () => {
  it('has every icon the console names (run tools/subset-icons.py when this fails)', () => {
    const missing = new Set<string>();
    let count = 0;
    for (const file of sources(app)) {
      for (const name of iconNames(readFileSync(file, 'utf8'))) {
        count++;
        if (!subset.has(name)) missing.add(`${name} (${file.slice(app.length + 1)})`);
      }
    }
    expect(count).toBeGreaterThan(50);
    expect([...missing]).toEqual([]);
  });
});
