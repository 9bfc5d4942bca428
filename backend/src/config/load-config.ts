import { createHash, createPublicKey, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainToInstance } from 'class-transformer';
import ipaddr from 'ipaddr.js';
import { validateSync, type ValidationError } from 'class-validator';
import type { AppConfig, DirectoryEnvironmentEntry, EnvOidcProvider } from './app-config.js';
import { DirectoryEnvironmentFileSchema, directorySettingsProblems } from './directory-settings.js';
import { EnvironmentSchema } from './config.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
}

/**
 * Variables that hold secrets. Each may instead be read from a file named by VAR_FILE (Docker and
 * Kubernetes secrets), so the value stays out of the environment other processes and dumps see.
 */
export const FILE_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_REPLICA_URLS',
  'REDIS_URL',
  'SMTP_URL',
  'JWT_SECRET',
  'BILLING_ENCRYPTION_KEY',
  'METRICS_TOKEN',
  'OIDC_CLIENT_SECRET',
  'SCREENSHOTS_S3_SECRET_ACCESS_KEY',
] as const;

/** Optional secrets: an empty file means "not set" (compose always mounts the file). */
const MAY_BE_EMPTY: readonly string[] = [
  'DATABASE_REPLICA_URLS',
  'OIDC_CLIENT_SECRET',
  'SCREENSHOTS_S3_SECRET_ACCESS_KEY',
];

const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

/** The environment with every VAR_FILE read into VAR, and what was wrong with those files. */
function readSecretFiles(env: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv;
  problems: string[];
} {
  const resolved: NodeJS.ProcessEnv = { ...env };
  const problems: string[] = [];
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    delete resolved[`${name}_FILE`];
    if (!isSet(file)) continue;
    if (isSet(env[name])) {
      problems.push(`${name}_FILE: ${name} is set as well; set only one of them`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE: cannot read ${file} (${code})`);
      continue;
    }
    // Editors and `echo` end files with a newline; it is not part of the secret.
    const value = text.replace(/\r?\n$/, '');
    if (value === '' && MAY_BE_EMPTY.includes(name)) continue;
    if (value === '') problems.push(`${name}_FILE: ${file} is empty`);
    else resolved[name] = value;
  }
  return { env: resolved, problems };
}

/** Embedded mode needs no configuration: its secrets are generated once and kept in DATA_DIR. */
function embeddedSecrets(dataDir: string): { jwtSecret: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string };
  mkdirSync(dataDir, { recursive: true });
  const secrets = { jwtSecret: randomBytes(48).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function billingKeys(
  configured: string | undefined,
  dataDir: string,
  serverJwtSecret: string | undefined,
): { id: string; key: Buffer }[] {
  let keys: Buffer[];
  if (configured) keys = configured.split(',').map((k) => Buffer.from(k, 'base64'));
  else if (serverJwtSecret) {
    // Server mode without its own key: derived from JWT_SECRET (docs/billing.md says to set one).
    keys = [
      Buffer.from(hkdfSync('sha256', serverJwtSecret, 'calltimex', 'billing-encryption', 32)),
    ];
  } else {
    const file = join(dataDir, 'billing-key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    keys = [Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')];
  }
  return keys.map((key) => ({
    id: createHash('sha256').update(key).digest('hex').slice(0, 8),
    key,
  }));
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

function licenseKeyProblem(text: string | undefined): string | null {
  if (!text) return null;
  try {
    const pem = text.trim().startsWith('-----BEGIN');
    const key = pem
      ? createPublicKey(text.trim())
      : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? null : 'LICENSE_PUBLIC_KEY: not an Ed25519 key';
  } catch {
    return 'LICENSE_PUBLIC_KEY: not a PEM or base64 SPKI public key';
  }
}

function flattenErrors(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}.${e.property}`;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`),
      ...flattenErrors(e.children ?? [], path),
    ];
  });
}

/** The DIRECTORY_CONFIG_PATH file, validated like the console's form; bind passwords read. */
function directoryEnvironment(
  path: string | undefined,
  problems: string[],
): DirectoryEnvironmentEntry[] {
  if (!path) return [];
  const where = 'DIRECTORY_CONFIG_PATH';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${where}: cannot read ${path} (${code ?? 'not JSON'})`);
    return [];
  }
  const file = plainToInstance(DirectoryEnvironmentFileSchema, json);
  const errors = validateSync(file, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    problems.push(...flattenErrors(errors, where));
    return [];
  }
  return file.organizations.flatMap((entry, i) => {
    const at = `${where}.organizations.${i}`;
    const own = directorySettingsProblems(entry).map((p) => `${at}.${p.path}: ${p.message}`);
    let bindPassword = entry.bindPassword ?? null;
    if (entry.bindPasswordFile) {
      try {
        bindPassword = readFileSync(entry.bindPasswordFile, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        own.push(`${at}.bindPasswordFile: cannot read ${entry.bindPasswordFile} (${code})`);
      }
    }
    if (own.length > 0) {
      problems.push(...own);
      return [];
    }
    const { bindPasswordFile: _file, bindPassword: _inline, ...settings } = entry;
    return [{ ...settings, bindPassword }];
  });
}

/** Validates the environment once and lists every bad variable together; reads VAR_FILE secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const files = readSecretFiles(env);
  const raw = Object.fromEntries(Object.entries(files.env).filter(([, v]) => isSet(v)));
  const schema = plainToInstance(EnvironmentSchema, raw, { exposeDefaultValues: true });
  const problems = [
    ...files.problems,
    ...describe(validateSync(schema, { skipMissingProperties: false })),
  ];
  if (schema.DATABASE_URL && !schema.JWT_SECRET) {
    problems.push('JWT_SECRET: required when DATABASE_URL is set (server mode)');
  }
  if (schema.METRICS_PORT !== 0 && schema.METRICS_PORT === schema.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (0 serves metrics on the api port)');
  }
  const networks = (schema.WEBHOOKS_ALLOWED_NETWORKS ?? '').split(',').filter((n) => n !== '');
  for (const network of networks) {
    if (!isCidr(network)) {
      problems.push(`WEBHOOKS_ALLOWED_NETWORKS: ${network} is not a valid CIDR`);
    }
  }
  const licenseProblem = licenseKeyProblem(schema.LICENSE_PUBLIC_KEY);
  if (licenseProblem) problems.push(licenseProblem);
  problems.push(...oidcProblems(schema));
  problems.push(...screenshotStorageProblems(schema));
  const replicaUrls = list(schema.DATABASE_REPLICA_URLS);
  problems.push(...replicaProblems(schema, replicaUrls));
  const directory = directoryEnvironment(schema.DIRECTORY_CONFIG_PATH, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(schema.DATA_DIR);
  const jwtSecret = schema.JWT_SECRET ?? embeddedSecrets(dataDir).jwtSecret;
  return {
    http: {
      port: schema.PORT,
      host: schema.HOST ?? null,
      trustProxyHops: schema.TRUST_PROXY_HOPS,
      publicUrl: (schema.PUBLIC_URL ?? `http://localhost:${schema.PORT}`).replace(/\/$/, ''),
    },
    metrics: {
      token: schema.METRICS_TOKEN ?? null,
      public: schema.METRICS_PUBLIC,
      port: schema.METRICS_PORT,
      host: schema.METRICS_HOST ?? schema.HOST ?? null,
    },
    dataDir,
    agentDownloadsDir: schema.AGENT_DOWNLOADS_DIR
      ? resolve(schema.AGENT_DOWNLOADS_DIR)
      : fileURLToPath(new URL('../../../agent/dist/bundle', import.meta.url)),
    database: schema.DATABASE_URL
      ? { type: 'mysql', url: schema.DATABASE_URL, poolSize: schema.DATABASE_POOL_SIZE }
      : { type: 'sqlite', path: join(dataDir, 'calltimex.sqlite') },
    replicas: { urls: replicaUrls, maxLagSeconds: schema.DATABASE_REPLICA_MAX_LAG_SECONDS },
    redis: schema.REDIS_URL ? { url: schema.REDIS_URL } : null,
    mail: { smtpUrl: schema.SMTP_URL ?? null, from: schema.MAIL_FROM },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: schema.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: schema.REFRESH_TOKEN_TTL_DAYS,
    },
    allowSignup: schema.ALLOW_SIGNUP,
    allowDemoData: schema.ALLOW_DEMO_DATA ?? !schema.DATABASE_URL,
    migrateOnStart: schema.MIGRATE_ON_START,
    worker: {
      concurrency: schema.WORKER_CONCURRENCY,
      healthPort: schema.WORKER_HEALTH_PORT,
      shutdownGraceSeconds: schema.WORKER_SHUTDOWN_GRACE_SECONDS,
    },
    jobs: {
      prefix: schema.QUEUE_PREFIX,
      lockSeconds: schema.JOB_LOCK_SECONDS,
      sweepIntervalSeconds: schema.SWEEP_INTERVAL_SECONDS,
      sweepStaleSeconds: schema.SWEEP_STALE_SECONDS,
    },
    exports: { retentionDays: schema.EXPORT_RETENTION_DAYS },
    screenshots: screenshotsConfig(schema, dataDir),
    billing: {
      encryptionKeys: billingKeys(
        schema.BILLING_ENCRYPTION_KEY,
        dataDir,
        schema.DATABASE_URL ? jwtSecret : undefined,
      ),
      licensePublicKey: schema.LICENSE_PUBLIC_KEY ?? null,
      freeSeats: schema.BILLING_FREE_SEATS,
    },
    oidc: { env: envOidcProvider(schema), allowHttp: schema.OIDC_ALLOW_HTTP },
    webhooks: {
      allowedNetworks: networks,
      retryBaseMs: schema.WEBHOOKS_RETRY_BASE_MS,
      timeoutMs: schema.WEBHOOKS_TIMEOUT_SECONDS * 1000,
    },
    directory: { environment: directory },
    logLevel: schema.LOG_LEVEL,
  };
}

/** Replicas need the MySQL/MariaDB server mode: the embedded SQLite file has none. */
function replicaProblems(schema: EnvironmentSchema, urls: string[]): string[] {
  if (urls.length === 0) return [];
  if (!schema.DATABASE_URL) {
    return [
      'DATABASE_REPLICA_URLS: read replicas need MySQL/MariaDB (DATABASE_URL); the embedded SQLite mode has none, unset it',
    ];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const url of urls) {
    if (!URL.canParse(url) || !new URL(url).hostname) {
      problems.push(`DATABASE_REPLICA_URLS: ${redactedUrl(url)} is not a valid URL`);
    } else if (sameServer(url, schema.DATABASE_URL)) {
      problems.push(
        `DATABASE_REPLICA_URLS: ${redactedUrl(url)} is the primary (DATABASE_URL) itself`,
      );
    } else if (seen.has(serverOf(url))) {
      problems.push(`DATABASE_REPLICA_URLS: ${redactedUrl(url)} is listed twice`);
    }
    seen.add(serverOf(url));
  }
  return problems;
}

/** host:port/database of a mysql:// URL, the port defaulted. */
function serverOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname.toLowerCase()}:${u.port || '3306'}${u.pathname}`;
}

function sameServer(a: string, b: string): boolean {
  return URL.canParse(b) && serverOf(a) === serverOf(b);
}

/** A URL as a start-up error may show it: without its password. */
function redactedUrl(url: string): string {
  if (!URL.canParse(url)) return url.replace(/:[^:@/]*@/, ':***@');
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

const S3_REQUIRED = [
  'SCREENSHOTS_S3_ENDPOINT',
  'SCREENSHOTS_S3_BUCKET',
  'SCREENSHOTS_S3_ACCESS_KEY_ID',
  'SCREENSHOTS_S3_SECRET_ACCESS_KEY',
] as const;

function screenshotStorageProblems(schema: EnvironmentSchema): string[] {
  if (schema.SCREENSHOTS_STORAGE !== 's3') return [];
  const problems = S3_REQUIRED.filter((name) => !schema[name]).map(
    (name) => `${name}: required when SCREENSHOTS_STORAGE=s3`,
  );
  const endpoint = schema.SCREENSHOTS_S3_ENDPOINT;
  // The S3 client addresses the server's root: a path or query would be dropped without a word.
  if (endpoint && URL.canParse(endpoint)) {
    const url = new URL(endpoint);
    if (url.pathname !== '/' || url.search || url.username) {
      problems.push(
        'SCREENSHOTS_S3_ENDPOINT: only scheme, host and port (e.g. http://minio:9000), no path, query or credentials',
      );
    }
  }
  return problems;
}

function screenshotsConfig(schema: EnvironmentSchema, dataDir: string): AppConfig['screenshots'] {
  const dir = schema.SCREENSHOTS_DIR
    ? resolve(schema.SCREENSHOTS_DIR)
    : join(dataDir, 'files', 'screenshots');
  if (schema.SCREENSHOTS_STORAGE === 'filesystem') return { storage: 'filesystem', dir };
  return {
    storage: 's3',
    dir,
    s3: {
      endpoint: schema.SCREENSHOTS_S3_ENDPOINT!,
      bucket: schema.SCREENSHOTS_S3_BUCKET!,
      region: schema.SCREENSHOTS_S3_REGION,
      accessKeyId: schema.SCREENSHOTS_S3_ACCESS_KEY_ID!,
      secretAccessKey: schema.SCREENSHOTS_S3_SECRET_ACCESS_KEY!,
      forcePathStyle: schema.SCREENSHOTS_S3_FORCE_PATH_STYLE,
    },
  };
}

const OIDC_ROLES = ['admin', 'hr', 'manager', 'employee'];

/** `a=b;c=d` pairs; null when one is malformed. */
function pairs(text: string | undefined): { value: string; target: string }[] | null {
  if (!text) return [];
  const out: { value: string; target: string }[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const value = part.slice(0, eq).trim();
    const target = part.slice(eq + 1).trim();
    if (!value || !target) return null;
    out.push({ value, target });
  }
  return out;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function oidcProblems(schema: EnvironmentSchema): string[] {
  const problems: string[] = [];
  const any = schema.OIDC_ISSUER || schema.OIDC_CLIENT_ID || schema.OIDC_ORGANIZATION_ID;
  if (!any) return problems;
  for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_ORGANIZATION_ID'] as const) {
    if (!schema[name])
      problems.push(
        `${name}: required when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_ORGANIZATION_ID is set`,
      );
  }
  const roles = pairs(schema.OIDC_ROLE_MAP);
  if (!roles || roles.some((r) => !OIDC_ROLES.includes(r.target))) {
    problems.push(
      'OIDC_ROLE_MAP: `value=role` pairs separated by `;`, role one of admin, hr, manager, employee',
    );
  }
  if (!pairs(schema.OIDC_TEAM_MAP)) {
    problems.push('OIDC_TEAM_MAP: `value=Team name` pairs separated by `;`');
  }
  if (schema.OIDC_ISSUER?.startsWith('http:') && !schema.OIDC_ALLOW_HTTP) {
    problems.push('OIDC_ISSUER: must be https (OIDC_ALLOW_HTTP=true only for development)');
  }
  return problems;
}

function envOidcProvider(schema: EnvironmentSchema): EnvOidcProvider | null {
  if (!schema.OIDC_ISSUER || !schema.OIDC_CLIENT_ID || !schema.OIDC_ORGANIZATION_ID) return null;
  return {
    organizationId: schema.OIDC_ORGANIZATION_ID.toLowerCase(),
    issuer: schema.OIDC_ISSUER,
    clientId: schema.OIDC_CLIENT_ID,
    clientSecret: schema.OIDC_CLIENT_SECRET ?? null,
    displayName: schema.OIDC_DISPLAY_NAME,
    scopes: schema.OIDC_SCOPES,
    roleClaim: schema.OIDC_ROLE_CLAIM ?? null,
    roleMap: (pairs(schema.OIDC_ROLE_MAP) ?? []).map((p) => ({ value: p.value, role: p.target })),
    defaultRole: schema.OIDC_DEFAULT_ROLE,
    teamClaim: schema.OIDC_TEAM_CLAIM ?? null,
    teamMap: (pairs(schema.OIDC_TEAM_MAP) ?? []).map((p) => ({ value: p.value, team: p.target })),
    jit: schema.OIDC_JIT,
    allowedDomains: list(schema.OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
    mfaAmr: list(schema.OIDC_MFA_AMR),
    mfaAcr: list(schema.OIDC_MFA_ACR),
  };
}
