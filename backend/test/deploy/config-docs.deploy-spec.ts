// docs/configuration.md is generated from the environment schema; it must match it.
import { readFileSync } from 'node:fs';
import {
  CONFIG_DOC_FILE,
  describeAcceptedValues,
  readSchemaVariables,
  renderConfigDocs,
} from '#src/tools/write-config-docs.js';

describe('docs/configuration.md', () => {
  const variables = readSchemaVariables();

  it('is up to date with the schema, compose and the chart (npm run docs:config -w backend)', () => {
    expect(readFileSync(CONFIG_DOC_FILE, 'utf8')).toBe(renderConfigDocs());
  });

  it.each(variables.map((v) => [v.name, v]))('describes %s in a sentence', (_name, variable) => {
    expect(variable.description.length).toBeGreaterThan(15);
  });

  it('documents every variable with its default and accepted values', () => {
    const doc = renderConfigDocs();
    for (const variable of variables) {
      expect(doc).toContain(`| \`${variable.name}\` |`);
    }
    const port = variables.find((v) => v.name === 'PORT');
    expect(port && describeAcceptedValues(port)).toBe('integer, 1 to 65535');
    expect(doc).toContain('| `PORT` | `3000` | integer, 1 to 65535 |');
    expect(doc).toMatch(/\| `DATABASE_URL` \| unset \| matches `\^mysql:/);
  });
});
