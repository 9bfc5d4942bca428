import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { app, sources } from './app-sources';

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
