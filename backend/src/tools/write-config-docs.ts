// Writes docs/configuration.md from the environment schema (its doc comments, defaults and
// validators) and from where docker-compose.yml and the Helm chart set each variable.
// `npm run docs:config -w backend`; a deploy test fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCHEMA_FILE = join(REPO_ROOT, 'backend/src/config/config.schema.ts');
export const CONFIG_DOC_FILE = join(REPO_ROOT, 'docs/configuration.md');
const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');
const CHART_TEMPLATES = join(REPO_ROOT, 'helm/calltimex/templates');

export interface SchemaVariable {
  name: string;
  description: string;
  /** Source text of the initializer; null when the variable is unset by default. */
  defaultValue: string | null;
  decorators: { name: string; args: string[] }[];
}

/** Reads every property of EnvironmentSchema with its doc comment, default and decorators. */
export function readSchemaVariables(file = SCHEMA_FILE): SchemaVariable[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const schemaClass = source.statements.find(
    (s): s is ts.ClassDeclaration =>
      ts.isClassDeclaration(s) && s.name?.text === 'EnvironmentSchema',
  );
  if (!schemaClass) throw new Error(`class EnvironmentSchema not found in ${file}`);
  return schemaClass.members.filter(ts.isPropertyDeclaration).map((member) => ({
    name: member.name.getText(source),
    description: docComment(member),
    defaultValue: member.initializer ? member.initializer.getText(source) : null,
    decorators: (ts.getDecorators(member) ?? []).flatMap((decorator) => {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) return [];
      return [
        {
          name: call.expression.getText(source),
          args: call.arguments.map((a) => a.getText(source)),
        },
      ];
    }),
  }));
}

function docComment(node: ts.Node): string {
  const text = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ');
  return text.replace(/\s+/g, ' ').trim();
}

const number = (text: string | undefined): string => (text ?? '').replace(/_/g, '');

function stringLiteral(text: string): string {
  const match = /^(['"`])(.*)\1$/s.exec(text.trim());
  return match ? match[2] : text;
}

/** Accepted values, in words, from the class-validator decorators. */
export function describeAcceptedValues(variable: SchemaVariable): string {
  const find = (name: string) => variable.decorators.find((d) => d.name === name);
  const min = find('Min');
  const max = find('Max');
  if (find('IsInt')) {
    if (min && max) return `integer, ${number(min.args[0])} to ${number(max.args[0])}`;
    if (min) return `integer, at least ${number(min.args[0])}`;
    return 'integer';
  }
  if (find('IsBoolean')) return '`true` or `false` (`1`, `yes`, `on` also mean true)';
  const isIn = find('IsIn');
  if (isIn) {
    const values = isIn.args[0]
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((v) => stringLiteral(v.trim()));
    return `one of ${values.map((v) => `\`${v}\``).join(', ')}`;
  }
  const matches = find('Matches');
  if (matches) {
    const pattern = /^\/(.*)\/[a-z]*$/s.exec(matches.args[0])?.[1] ?? matches.args[0];
    return `matches \`${pattern.replace(/\\\//g, '/')}\``;
  }
  if (find('IsUrl')) return 'URL starting with `http://` or `https://`';
  const minLength = find('MinLength');
  if (minLength) return `text, at least ${number(minLength.args[0])} characters`;
  return 'text';
}

function describeDefault(variable: SchemaVariable): string {
  if (variable.defaultValue === null) return 'unset';
  return `\`${number(stringLiteral(variable.defaultValue))}\``;
}

/** Where docker-compose.yml takes each variable from: a `.env` entry or a fixed value. */
export function composeSources(text = readFileSync(COMPOSE_FILE, 'utf8')): Map<string, string> {
  const sources = new Map<string, string>();
  const block = /^x-calltimex-env:.*\n((?: {2}.*\n)+)/m.exec(text)?.[1] ?? '';
  for (const line of block.split('\n')) {
    const entry = /^ {2}([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (!entry) continue;
    const [, name, value] = entry;
    const secret = /^\/run\/secrets\/([a-z0-9_]+)$/.exec(value.trim());
    if (name.endsWith('_FILE') && secret) {
      sources.set(name.slice(0, -'_FILE'.length), `secret \`${secret[1]}\` (file in \`secrets/\`)`);
      continue;
    }
    const fromEnv = [...value.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:?[?-])?/g)].map((m) => m[1]);
    sources.set(
      name,
      fromEnv.length > 0
        ? `${[...new Set(fromEnv)].map((v) => `\`${v}\``).join(', ')} in \`.env\``
        : `fixed: \`${stringLiteral(value.trim())}\``,
    );
  }
  return sources;
}

/** Which Helm value sets each variable (the ConfigMap and the Secret the chart renders). */
export function helmSources(templatesDir = CHART_TEMPLATES): Map<string, string> {
  const sources = new Map<string, string>();
  const files = [
    { file: 'configmap.yaml', suffix: '' },
    { file: '_helpers.tpl', suffix: ' (Secret)' },
  ];
  for (const { file, suffix } of files) {
    for (const line of readFileSync(join(templatesDir, file), 'utf8').split('\n')) {
      const entry = /^\s*([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
      if (!entry) continue;
      const [, name, value] = entry;
      const paths = [...value.matchAll(/(not )?\.Values\.([A-Za-z0-9_.]+)/g)].map(
        (m) => `${m[1] ? 'not ' : ''}\`${m[2]}\``,
      );
      if (paths.length > 0) sources.set(name, paths.join(', ') + suffix);
      else if (value.includes('calltimex.publicUrl')) {
        sources.set(name, '`config.publicUrl` (default: from `ingress.host`)');
      } else if (!value.includes('{{'))
        sources.set(name, `fixed: \`${stringLiteral(value.trim())}\``);
    }
  }
  return sources;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderConfigDocs(
  variables = readSchemaVariables(),
  compose = composeSources(),
  helm = helmSources(),
): string {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run docs:config -w backend` from backend/src/config/config.schema.ts,',
    'docker-compose.yml and the Helm chart. Edit those, not this file: a test fails when it is stale. -->',
    '',
    'CallTimeX reads its configuration from environment variables, once, at start-up. `npm start` also',
    'reads a `.env` file in the working directory. An invalid value stops the process with a list of',
    'every bad variable. Settings that administrators change at run time (retention, the monitoring',
    'notice, work schedules, productivity rules) live in the database and are edited in the console.',
    '',
    '**Embedded mode** (`npm start`) needs none of them: SQLite, files and the mail outbox go to',
    '`DATA_DIR`, and a signing secret is generated there once. **Server mode** (docker compose, Helm)',
    'needs `DATABASE_URL`, `REDIS_URL` and `JWT_SECRET`; set `SMTP_URL` to send mail.',
    '',
    '## Variables',
    '',
    '| variable | default | accepted values | meaning |',
    '| --- | --- | --- | --- |',
    ...variables.map(
      (v) =>
        `| \`${v.name}\` | ${cell(describeDefault(v))} | ${cell(describeAcceptedValues(v))} | ${cell(v.description)} |`,
    ),
    '',
    '## Where docker compose and Helm set them',
    '',
    'docker-compose.yml passes every variable to the api and the worker; most come from `.env`',
    '(see `.env.example`). The Helm chart puts secrets (`DATABASE_URL`, `REDIS_URL`, `JWT_SECRET`,',
    '`SMTP_URL`) in a Secret, or reads them from `existingSecret`, and the rest in a ConfigMap.',
    "Anything else can be added with the chart's `extraEnv`.",
    '',
    '| variable | docker compose | Helm value |',
    '| --- | --- | --- |',
    ...variables.map(
      (v) =>
        `| \`${v.name}\` | ${cell(compose.get(v.name) ?? 'not set')} | ${cell(helm.get(v.name) ?? 'not set')} |`,
    ),
    '',
    'The worker always runs with `MIGRATE_ON_START=false`: migrations run once, in the api (compose) or',
    "in the chart's pre-install/pre-upgrade Job, never in a worker.",
    '',
    '## Adding a variable (for developers)',
    '',
    '1. Add the property, its validators and a one-sentence doc comment to `EnvironmentSchema` in',
    '   `backend/src/config/config.schema.ts`.',
    '2. Pass it in `docker-compose.yml` (`x-calltimex-env`, usually `${NAME:-default}`) and list it in',
    '   `.env.example`.',
    '3. Add it to the chart: a key in `templates/configmap.yaml` (or the Secret in `_helpers.tpl`), the',
    '   value in `values.yaml` and its type in `values.schema.json`.',
    '4. `npm run docs:config -w backend` rewrites this page. `npm run test:deploy -w backend` fails until',
    '   all of the above agree.',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CONFIG_DOC_FILE, renderConfigDocs());
  console.log(`Wrote ${CONFIG_DOC_FILE}`);
}
