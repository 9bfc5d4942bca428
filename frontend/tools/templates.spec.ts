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

  // A component that imports an NgModule gets an environment injector of its own, built when it
  // first renders, with every module of the graph instantiated: on the dashboard that was a 25 ms
  // task before 4x throttling, A11yModule's constructor forcing a style and layout pass to detect
  // high-contrast mode. Material's standalone parts need neither.
  it('imports Material and CDK parts, not their NgModules', () => {
    const modules: string[] = [];
    let components = 0;
    for (const file of sources(app)) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(file, 'utf8');
      components += (text.match(/@Component\(/g) ?? []).length;
      for (const match of text.matchAll(
        /import \{([^}]*)\} from '@angular\/(material|cdk)\/[^']+'/g,
      ))
        for (const name of match[1].split(',').map((part) => part.trim()))
          if (/Module$/.test(name)) modules.push(`${relative(app, file)}: ${name}`);
    }
    expect(components).toBeGreaterThan(60);
    expect(modules).toEqual([]);
  });
});
