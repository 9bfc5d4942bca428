// Every variable the backend reads is provided by docker-compose.yml (api and worker) and by the
// Helm chart, and what they provide passes the backend's own validation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_VARIABLES, loadConfig } from '#src/config/load-config.js';
import {
  envKeys,
  extractDefine,
  interpolate,
  lookup,
  readCompose,
  readRepoFile,
  readTemplate,
  readYaml,
  REPO_ROOT,
  schemaVariableNames,
  SERVER_MODE_REQUIRED,
  validatedPropertyNames,
} from './deploy-files.js';

const schema = schemaVariableNames();

describe('the environment schema as the deploy checks read it', () => {
  it('lists exactly the properties class-validator validates', () => {
    expect([...schema].sort()).toEqual([...validatedPropertyNames()].sort());
  });

  it('declares the server-mode variables', () => {
    expect(schema).toEqual(expect.arrayContaining(SERVER_MODE_REQUIRED));
  });
});

describe('docker-compose.yml', () => {
  const compose = readCompose();
  const { services } = compose;
  /** Variables that are not the backend's configuration but Node's own. */
  const RUNTIME = ['NODE_OPTIONS'];
  const fileVariables: readonly string[] = FILE_VARIABLES;
  const configured = (provided: string[]) =>
    provided.map((name) =>
      name.endsWith('_FILE') && fileVariables.includes(name.slice(0, -5))
        ? name.slice(0, -5)
        : name,
    );

  /** The secrets as scripts/compose-secrets.sh writes them, in a scratch directory. */
  const writeSecrets = (...args: string[]) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ctx-secrets-')), 'secrets');
    const result = spawnSync('bash', [join(REPO_ROOT, 'scripts/compose-secrets.sh'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, CALLTIMEX_SECRETS_DIR: dir },
    });
    return { dir, ...result };
  };

  /** A service's environment as the container sees it, with /run/secrets/<name> at dir/<name>. */
  const resolvedEnvironment = (service: string, secretsDir: string) =>
    Object.fromEntries(
      Object.entries(services[service].environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), {}).replace(/^\/run\/secrets\//, `${secretsDir}/`),
      ]),
    );

  it.each(['api', 'worker'])('gives the %s every variable of the schema', (service) => {
    const provided = configured(Object.keys(services[service].environment ?? {}));
    expect(schema.filter((name) => !provided.includes(name))).toEqual([]);
  });

  it.each(['api', 'worker'])('gives the %s no variable the schema does not know', (service) => {
    const provided = configured(Object.keys(services[service].environment ?? {}));
    expect(provided.filter((name) => !schema.includes(name) && !RUNTIME.includes(name))).toEqual(
      [],
    );
  });

  it.each(['api', 'worker'])('gives the %s every secret as a compose secret file', (service) => {
    const environment = services[service].environment ?? {};
    for (const name of FILE_VARIABLES) {
      expect(environment[name]).toBeUndefined();
      const path = String(environment[`${name}_FILE`]);
      const secret = /^\/run\/secrets\/([a-z0-9_]+)$/.exec(path)?.[1];
      expect(services[service].secrets).toContain(secret);
      expect(compose.secrets[secret!]).toEqual({ file: `./secrets/${secret}` });
    }
  });

  it('puts no password on a command line or in a plain variable of MySQL or Redis', () => {
    expect(Object.keys(services.mysql.environment ?? {}).sort()).toEqual([
      'MYSQL_DATABASE',
      'MYSQL_PASSWORD_FILE',
      'MYSQL_ROOT_PASSWORD_FILE',
      'MYSQL_USER',
    ]);
    expect(services.redis.environment).toBeUndefined();
    // Redis reads its configuration, password included, from stdin (`redis-server -`).
    const script = String(services.redis.command?.at(-1)).split('\n');
    expect(script[0]).toBe('exec redis-server - <<EOF');
    expect(script[1]).toBe('requirepass $$(cat /run/secrets/redis_password)');
    expect(String(services.redis.command)).not.toContain('--requirepass');
    expect(JSON.stringify(services.redis.healthcheck)).toContain('REDISCLI_AUTH=');
    expect(JSON.stringify(services.redis.healthcheck)).not.toMatch(/redis-cli[^|]* -a /);
  });

  it('has scripts/compose-secrets.sh write every secret compose mounts, readable and private', () => {
    const { dir, status, stderr } = writeSecrets('--smtp-url', 'smtp://u:p@relay.example.com:587');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(compose.secrets).sort());
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o444);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8').trim();
    expect(read('database_url')).toBe(
      `mysql://calltimex:${read('mysql_password')}@mysql:3306/calltimex`,
    );
    expect(read('redis_url')).toBe(`redis://:${read('redis_password')}@redis:6379`);
    // A second run keeps what exists.
    const first = read('jwt_secret');
    const again = spawnSync('bash', [join(REPO_ROOT, 'scripts/compose-secrets.sh')], {
      env: { PATH: process.env.PATH, CALLTIMEX_SECRETS_DIR: dir },
    });
    expect(again.status).toBe(0);
    expect(read('jwt_secret')).toBe(first);
  });

  it('has scripts/compose-secrets.sh refuse to guess the mail relay', () => {
    const { status, stderr } = writeSecrets();
    expect(status).toBe(1);
    expect(stderr).toContain('--smtp-url');
    expect(stderr).toContain('--trial');
  });

  it.each(['api', 'worker'])(
    'hands the %s a configuration the backend accepts, in server mode, from the secret files',
    (service) => {
      const { dir } = writeSecrets('--smtp-url', 'smtp://u:p@relay.example.com:587');
      const env = resolvedEnvironment(service, dir);
      const config = loadConfig({ ...env, DATA_DIR: '/nonexistent-not-written' });
      const read = (name: string) => readFileSync(join(dir, name), 'utf8').trim();
      expect(config.database).toMatchObject({ type: 'mysql', url: read('database_url') });
      expect(config.redis?.url).toBe(read('redis_url'));
      expect(config.mail.smtpUrl).toBe('smtp://u:p@relay.example.com:587');
      expect(config.auth.jwtSecret).toBe(read('jwt_secret'));
      expect(config.billing.encryptionKeys[0].key).toEqual(
        Buffer.from(read('billing_encryption_key'), 'base64'),
      );
      expect(config.http.trustProxyHops).toBe(1);
    },
  );

  it('sends the mail of a trial to the catcher only when asked to (--trial)', () => {
    const { dir, status } = writeSecrets('--trial');
    expect(status).toBe(0);
    const config = loadConfig({ ...resolvedEnvironment('worker', dir), DATA_DIR: '/nonexistent' });
    expect(config.mail.smtpUrl).toBe('smtp://mailpit:1025');
  });

  it.each(SERVER_MODE_REQUIRED)('refuses to start without the secret file behind %s', (name) => {
    const { dir } = writeSecrets('--trial');
    rmSync(
      join(
        dir,
        /\/run\/secrets\/(\w+)/.exec(String(services.api.environment?.[`${name}_FILE`]))![1],
      ),
    );
    expect(() =>
      loadConfig({ ...resolvedEnvironment('api', dir), DATA_DIR: '/nonexistent' }),
    ).toThrow(`${name}_FILE: cannot read`);
  });

  it('migrates in the api only, never in the worker', () => {
    expect(String(services.api.environment?.MIGRATE_ON_START)).toBe('true');
    expect(String(services.worker.environment?.MIGRATE_ON_START)).toBe('false');
  });

  it('documents in .env.example every variable it reads from .env, and no other', () => {
    const text = readRepoFile('docker-compose.yml');
    const referenced = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]));
    const example = readRepoFile('.env.example');
    const documented = new Set(
      [...example.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)]
        .map((m) => m[1])
        .filter((name) => name !== 'COMPOSE_PROJECT_NAME'),
    );
    expect([...referenced].filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !referenced.has(name))).toEqual([]);
  });
});

describe('the Helm chart', () => {
  const configMapKeys = envKeys(readTemplate('configmap.yaml'));
  const secretKeys = envKeys(extractDefine(readTemplate('_helpers.tpl'), 'calltimex.secretData'));
  const values = readYaml('helm/calltimex/values.yaml');

  it('provides every variable of the schema through its ConfigMap and Secret', () => {
    const provided = new Set([...configMapKeys, ...secretKeys]);
    expect(schema.filter((name) => !provided.has(name))).toEqual([]);
  });

  it('provides no variable the schema does not know', () => {
    expect([...configMapKeys, ...secretKeys].filter((name) => !schema.includes(name))).toEqual([]);
  });

  it('keeps the server-mode secrets in the Secret, not the ConfigMap', () => {
    expect(secretKeys).toEqual(expect.arrayContaining(SERVER_MODE_REQUIRED));
    expect(configMapKeys.filter((name) => SERVER_MODE_REQUIRED.includes(name))).toEqual([]);
  });

  it.each(['api-deployment.yaml', 'worker-deployment.yaml'])(
    '%s reads the ConfigMap and the Secret',
    (file) => {
      const text = readTemplate(file);
      expect(text).toContain('include "calltimex.envFrom"');
    },
  );

  it('points envFrom at the ConfigMap, and mounts the Secret (or existingSecret) as files', () => {
    const helpers = readTemplate('_helpers.tpl');
    const envFrom = extractDefine(helpers, 'calltimex.envFrom');
    expect(envFrom).toMatch(/configMapRef:\s+name: \{\{ include "calltimex.fullname" \. \}\}/);
    expect(envFrom).not.toContain('secretRef');
    expect(extractDefine(helpers, 'calltimex.volumes')).toMatch(
      /secret:\s+secretName: \{\{ include "calltimex.secretName" \. \}\}/,
    );
    expect(extractDefine(helpers, 'calltimex.secretFileEnv')).toContain(
      'value: /run/secrets/calltimex/{{ . }}',
    );
    for (const file of ['api-deployment.yaml', 'worker-deployment.yaml', 'migration-job.yaml']) {
      expect(readTemplate(file)).toContain('include "calltimex.secretFileEnv" .');
    }
  });

  it('never lets the worker migrate', () => {
    expect(readTemplate('worker-deployment.yaml')).toMatch(
      /- name: MIGRATE_ON_START\s+value: "false"/,
    );
  });

  it('renders, from values.yaml and the required values, a configuration the backend accepts', () => {
    // Evaluates the simple actions the ConfigMap and Secret use: `.Values.x | quote`,
    // `not .Values.x | quote`, the publicUrl helper; anything else fails the test.
    const given = {
      'externalDatabase.url': 'mysql://calltimex:secret@mysql.db:3306/calltimex',
      'externalRedis.url': 'redis://:secret@redis.db:6379',
      'auth.jwtSecret': 'k'.repeat(48),
      'smtp.url': 'smtp://relay.example.com:587',
      'billing.encryptionKey': Buffer.alloc(32, 7).toString('base64'),
    };
    const valueOf = (path: string): unknown => {
      if (path in given) return given[path as keyof typeof given];
      const { found, value } = lookup(values, path);
      if (!found) throw new Error(`values.yaml has no ${path}`);
      return value;
    };
    const evaluate = (expression: string): string => {
      const action = /^\{\{-?\s*(.*?)\s*-?\}\}$/.exec(expression.trim());
      if (!action) return expression.trim().replace(/^"(.*)"$/, '$1');
      const body = action[1];
      let match = /^(not )?\.Values\.([A-Za-z0-9_.]+) \| quote$/.exec(body);
      if (match) {
        const value = valueOf(match[2]);
        return String(match[1] ? !value : value);
      }
      match = /^include "calltimex\.publicUrl" \. \| quote$/.exec(body);
      if (match) {
        const host = valueOf('ingress.host');
        return `https://${typeof host === 'string' && host ? host : 'calltimex.example.com'}`;
      }
      throw new Error(`the test cannot evaluate ${expression}`);
    };
    const env: Record<string, string> = {};
    const secretData = extractDefine(readTemplate('_helpers.tpl'), 'calltimex.secretData');
    for (const text of [readTemplate('configmap.yaml'), secretData]) {
      for (const [, name, expression] of text.matchAll(/^\s*([A-Z][A-Z0-9_]*): (.*)$/gm)) {
        env[name] = evaluate(expression);
      }
    }
    const config = loadConfig(env);
    expect(config.database.type).toBe('mysql');
    expect(config.redis).not.toBeNull();
    expect(config.http.port).toBe(3000);
    expect(config.dataDir).toBe('/data');
    expect(config.migrateOnStart).toBe(false);
  });
});
