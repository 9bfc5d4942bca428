// Every variable the backend reads is provided by docker-compose.yml (api and worker) and by the
// Helm chart, and what they provide passes the backend's own validation.
import { loadConfig } from '../../src/config/load-config.js';
import {
  envKeys,
  extractDefine,
  interpolate,
  lookup,
  readCompose,
  readRepoFile,
  readTemplate,
  readYaml,
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
  const { services } = readCompose();
  const dummies = {
    MYSQL_PASSWORD: 'dummy-mysql',
    MYSQL_ROOT_PASSWORD: 'dummy-root',
    REDIS_PASSWORD: 'dummy-redis',
    JWT_SECRET: 'j'.repeat(40),
  };

  const resolvedEnvironment = (service: string, env: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(services[service].environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), env),
      ]),
    );

  it.each(['api', 'worker'])('gives the %s every variable of the schema', (service) => {
    const provided = Object.keys(services[service].environment ?? {});
    expect(schema.filter((name) => !provided.includes(name))).toEqual([]);
  });

  it.each(['api', 'worker'])('gives the %s no variable the schema does not know', (service) => {
    const provided = Object.keys(services[service].environment ?? {});
    expect(provided.filter((name) => !schema.includes(name))).toEqual([]);
  });

  it.each(SERVER_MODE_REQUIRED)('refuses to start without the secret behind %s', (name) => {
    const raw = String(services.api.environment?.[name]);
    const secrets = [...raw.matchAll(/\$\{([A-Z_][A-Z0-9_]*):\?[^}]+\}/g)].map((m) => m[1]);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      const { [secret]: _omitted, ...others } = dummies as Record<string, string>;
      expect(() => resolvedEnvironment('api', others)).toThrow(secret);
    }
  });

  it.each(['api', 'worker'])(
    'hands the %s a configuration the backend accepts, in server mode',
    (service) => {
      const env = resolvedEnvironment(service, dummies);
      const config = loadConfig({ ...env, DATA_DIR: '/nonexistent-not-written' });
      expect(config.database.type).toBe('mysql');
      expect(config.redis?.url).toBe('redis://:dummy-redis@redis:6379');
      expect(config.mail.smtpUrl).toBe('smtp://mailpit:1025');
      expect(config.auth.jwtSecret).toBe(dummies.JWT_SECRET);
    },
  );

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

  it('points envFrom at the ConfigMap and at the Secret (or existingSecret)', () => {
    const envFrom = extractDefine(readTemplate('_helpers.tpl'), 'calltimex.envFrom');
    expect(envFrom).toMatch(/configMapRef:\s+name: \{\{ include "calltimex.fullname" \. \}\}/);
    expect(envFrom).toMatch(/secretRef:\s+name: \{\{ include "calltimex.secretName" \. \}\}/);
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
