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

  // Content projected with <ng-content> is created by the parent whether it is shown or not: a
  // table projected into a block that is loading or empty was built all the same.
  it('gives every async-state its content as a ctxWhenReady template', () => {
    const projected: string[] = [];
    let blocks = 0;
    for (const file of sources(app)) {
      for (const { content, at } of asyncStateBlocks(readFileSync(file, 'utf8'))) {
        blocks += 1;
        const start = content.indexOf('<ng-template ctxWhenReady>');
        // Before the template only the empty state's next step may stand; after it, nothing.
        const before = start < 0 ? content : content.slice(0, start);
        if (
          start < 0 ||
          !content.endsWith('</ng-template>') ||
          (before.trim() && !before.includes('empty-action'))
        )
          projected.push(`${relative(app, file)}:${at}`);
      }
    }
    expect(blocks).toBeGreaterThan(35);
    expect(projected).toEqual([]);
  });

  // Angular leaves an <ng-template> with an attribute it does not know alone: without the import
  // the block would show nothing once its data arrived, and no build would say so.
  it('imports WhenReady wherever a template uses ctxWhenReady', () => {
    const missing: string[] = [];
    let users = 0;
    for (const file of sources(app)) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
      const text = readFileSync(file, 'utf8');
      const templateUrl = /templateUrl: '([^']+)'/.exec(text)?.[1];
      const template = templateUrl ? readFileSync(join(file, '..', templateUrl), 'utf8') : text;
      if (!template.includes('<ng-template ctxWhenReady>')) continue;
      users += 1;
      const imports = /\bimports: \[([^\]]*)\]/.exec(text)?.[1] ?? '';
      if (!/\bWhenReady\b/.test(imports)) missing.push(relative(app, file));
    }
    expect(users).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});

/** The content of each `<ctx-async-state>…</ctx-async-state>` in a template, nested ones too. */
function asyncStateBlocks(text: string): { content: string; at: number }[] {
  const blocks: { content: string; at: number }[] = [];
  const open: number[] = [];
  for (const tag of text.matchAll(
    /<ctx-async-state\b(?:[^>"']|"[^"]*"|'[^']*')*>|<\/ctx-async-state>/g,
  )) {
    const end = tag.index + tag[0].length;
    if (tag[0].startsWith('</')) {
      const start = open.pop()!;
      blocks.push({
        content: text.slice(start, tag.index).trim(),
        at: text.slice(0, start).split('\n').length,
      });
    } else if (!tag[0].endsWith('/>')) open.push(end);
  }
  return blocks;
}
