import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const app = join(__dirname, '../src/app');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts')) yield path;
  }
}

describe('templates', () => {
  // The outlined look is set on each field, not by MAT_FORM_FIELD_DEFAULT_OPTIONS at the root:
  // importing that token into app.config put the whole form field into the first script of
  // every page, the dashboard's included, which has no field.
  it('draws every form field outlined', () => {
    const filled: string[] = [];
    let fields = 0;
    for (const file of sources(app)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/<mat-form-field\b[^>]*>/g)) {
        fields += 1;
        if (!/\bappearance="outline"/.test(match[0]))
          filled.push(`${relative(app, file)}: ${match[0]}`);
      }
    }
    expect(fields).toBeGreaterThan(100);
    expect(filled).toEqual([]);
  });

  it('leaves the form field defaults out of the root providers', () => {
    const config = readFileSync(join(app, 'app.config.ts'), 'utf8');
    expect(config).not.toMatch(/@angular\/material\/(form-field|core)'/);
  });
});
