// Readers for the deployment files: docker-compose.yml, the Helm chart (without a Helm binary), the
// Dockerfile and the environment schema.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse, parseAllDocuments } from 'yaml';
import { EnvironmentSchema } from '#src/config/config.schema.js';
import { readSchemaVariables, REPO_ROOT } from '#src/tools/write-config-docs.js';

export { REPO_ROOT };
export const CHART_DIR = join(REPO_ROOT, 'helm/calltimex');
export const TEMPLATES_DIR = join(CHART_DIR, 'templates');

export const readRepoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** Variables the server mode cannot start without (compose and the chart must always set them). */
export const SERVER_MODE_REQUIRED = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET'];

/** Every variable EnvironmentSchema declares, read from its source. */
export function schemaVariableNames(): string[] {
  return readSchemaVariables().map((v) => v.name);
}

/** Every property class-validator validates on EnvironmentSchema (what loadConfig really reads). */
export function validatedPropertyNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    EnvironmentSchema,
    '',
    true,
    false,
  );
  return [...new Set(metadata.map((m) => m.propertyName))];
}

export function readYaml(path: string): unknown {
  return parse(readRepoFile(path), { merge: true });
}

export interface ComposeService {
  image?: string;
  pull_policy?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  cap_drop?: string[];
  cap_add?: string[];
  profiles?: string[];
  security_opt?: string[];
  restart?: string;
  ports?: string[];
  volumes?: string[];
  user?: string;
  read_only?: boolean;
  tmpfs?: string[];
  networks?: string[];
  secrets?: string[];
  mem_limit?: string;
  cpus?: number;
  pids_limit?: number;
  stop_grace_period?: string;
  logging?: { driver: string; options?: Record<string, string> };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean } | null>;
  secrets: Record<string, { file: string }>;
}

export function readCompose(): ComposeFile {
  return readYaml('docker-compose.yml') as ComposeFile;
}

/**
 * Compose's own interpolation, for the forms the file uses: ${VAR}, ${VAR:-default}, ${VAR:?msg}.
 * Missing required variables throw, like `docker compose up` refuses to start.
 */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (_match, name: string, op: string | undefined, arg: string | undefined) => {
      const set = env[name] !== undefined && env[name] !== '';
      if (op === ':?' || op === '?') {
        if (!set) throw new Error(`${name}: ${arg}`);
        return env[name];
      }
      return set ? env[name] : (arg ?? '');
    },
  );
}

/** Bytes of a compose or Kubernetes memory size: 512m, 1g, 1Gi, 768Mi. */
export function memoryBytes(size: string): number {
  const match = /^(\d+)([kmg]i?)?b?$/i.exec(size.trim());
  if (!match) throw new Error(`not a memory size: ${size}`);
  const unit = (match[2] ?? '').toLowerCase();
  const power = { '': 0, k: 1, m: 2, g: 3 }[unit.replace('i', '')] ?? 0;
  // Compose's k/m/g are binary units, like Kubernetes' Ki/Mi/Gi.
  return Number(match[1]) * 1024 ** power;
}

/** The --max-old-space-size of a NODE_OPTIONS value, in bytes; null when there is none. */
export function heapCapBytes(nodeOptions: string | undefined): number | null {
  const match = /--max-old-space-size=(\d+)/.exec(nodeOptions ?? '');
  return match ? Number(match[1]) * 1024 ** 2 : null;
}

// ---------------------------------------------------------------- Helm chart

/** Template files, relative to templates/ (tests/ included). */
export function chartTemplateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(TEMPLATES_DIR, join(entry.parentPath, entry.name)))
    .sort();
}

export const readTemplate = (file: string): string =>
  readFileSync(join(TEMPLATES_DIR, file), 'utf8');

export function allTemplateText(): string {
  return chartTemplateFiles()
    .map((f) => readTemplate(f))
    .join('\n');
}

/** Every action of a template: the text between {{ and }}, trim markers removed. */
export function templateActions(text: string): string[] {
  return [...text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)].map((m) => m[1].trim());
}

/**
 * The YAML a template holds outside its actions: lines made only of actions are dropped (they are
 * control flow or `include ... | nindent`), actions inside a line become a placeholder scalar.
 * Both branches of an if/else stay, so duplicate keys are allowed when parsing.
 */
export function stripTemplateActions(text: string): string {
  return text
    .replace(/^[ \t]*(?:\{\{[\s\S]*?\}\}[ \t]*)+\r?\n/gm, '')
    .replace(/\{\{[\s\S]*?\}\}/g, 'TEMPLATED');
}

export function parseStrippedTemplate(text: string) {
  return parseAllDocuments(stripTemplateActions(text), { uniqueKeys: false });
}

/** `.Values` paths a text references, e.g. "api.autoscaling.enabled". */
export function valuesPaths(text: string): string[] {
  return [
    ...new Set(
      [...text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((m) => m[1].slice(1)),
    ),
  ];
}

export function lookup(values: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

/** Leaf paths of a values tree ("a.b.c"); lists and empty maps count as leaves. */
export function leafPaths(values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return [prefix];
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}

/** The body of `{{ define "name" }} ... {{ end }}`, nested blocks included. */
export function extractDefine(text: string, name: string): string {
  const start = text.search(new RegExp(`\\{\\{-?\\s*define\\s+"${name.replace(/\./g, '\\.')}"`));
  if (start < 0) throw new Error(`define "${name}" not found`);
  let depth = 0;
  for (const match of text
    .slice(start)
    .matchAll(/\{\{-?\s*(\/\*[\s\S]*?\*\/|[a-z]+)?[\s\S]*?\}\}/g)) {
    const keyword = match[1] ?? '';
    if (['define', 'if', 'with', 'range', 'block'].includes(keyword)) depth++;
    if (keyword === 'end') depth--;
    if (depth === 0) return text.slice(start, start + match.index + match[0].length);
  }
  throw new Error(`define "${name}" is not closed`);
}

/** Control-structure balance of a template: opened if/with/range/define/block minus ends. */
export function blockBalance(text: string): number {
  let depth = 0;
  for (const action of templateActions(text)) {
    const keyword = /^([a-z]+)/.exec(action)?.[1];
    if (keyword && ['define', 'if', 'with', 'range', 'block'].includes(keyword)) depth++;
    if (keyword === 'end') depth--;
    if (depth < 0) return depth;
  }
  return depth;
}

/** Upper-case keys a template's text sets (ConfigMap data, Secret data, env names). */
export function envKeys(text: string): string[] {
  const keys = [
    ...[...text.matchAll(/^\s*([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]),
    ...[...text.matchAll(/-\s+name:\s+([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1]),
  ];
  return [...new Set(keys)];
}

// ---------------------------------------------------------------- Helm, rendered

let helmPath: string | undefined;

/** The Helm binary scripts/check-deploy.sh finds or fetches (pinned version and checksum). */
export function helmBinary(): string {
  if (helmPath) return helmPath;
  const found = spawnSync('bash', [join(REPO_ROOT, 'scripts/check-deploy.sh'), '--print-helm'], {
    encoding: 'utf8',
  });
  if (found.status !== 0 || !found.stdout.trim()) {
    throw new Error(`no Helm binary: ${found.stderr}`);
  }
  helmPath = found.stdout.trim();
  return helmPath;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export const REQUIRED_SETS: Record<string, string> = {
  'externalDatabase.url': 'mysql://calltimex:secret@mysql.db:3306/calltimex',
  'externalRedis.url': 'redis://:secret@redis.db:6379',
  'auth.jwtSecret': 'k'.repeat(48),
  'smtp.url': 'smtp://relay.example.com:587',
  'ingress.host': 'calltimex.example.com',
};

/** `helm template` of the chart with --set values; the objects, or Helm's error. */
export function renderChart(sets: Record<string, string>): {
  ok: boolean;
  objects: K8sObject[];
  error: string;
} {
  const args = ['template', 'calltimex', CHART_DIR, '--namespace', 'calltimex'];
  for (const [key, value] of Object.entries(sets)) args.push('--set', `${key}=${value}`);
  const result = spawnSync(helmBinary(), args, { encoding: 'utf8' });
  if (result.status !== 0) return { ok: false, objects: [], error: result.stderr };
  const objects = parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
  return { ok: true, objects, error: '' };
}
