// The chart as Helm renders it (Helm from scripts/check-deploy.sh): the environment the api and the
// worker get, the order of the hook, the wiring between objects, and the value checks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_VARIABLES, loadConfig } from '#src/config/load-config.js';
import {
  heapCapBytes,
  type K8sObject,
  memoryBytes,
  readRepoFile,
  renderChart,
  REQUIRED_SETS,
  schemaVariableNames,
} from './deploy-files.js';

interface Container {
  name: string;
  args?: string[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: {
    name: string;
    persistentVolumeClaim?: { claimName: string };
    emptyDir?: object;
    secret?: { secretName: string; defaultMode?: number };
  }[];
  automountServiceAccountToken?: boolean;
}
interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

const render = (sets: Record<string, string> = {}) => {
  const result = renderChart({ ...REQUIRED_SETS, ...sets });
  if (!result.ok) throw new Error(result.error);
  return result.objects;
};
const find = (objects: K8sObject[], kind: string, suffix = '') =>
  objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(suffix));
const one = (objects: K8sObject[], kind: string, suffix = '') => {
  const found = find(objects, kind, suffix);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} named *${suffix}`);
  return found[0];
};
const podTemplate = (workload: K8sObject) => workload.spec?.template as PodTemplate;

/**
 * The environment a container sees: envFrom sources in order, then env. A <KEY>_FILE pointing into
 * a mounted Secret is pointed at a scratch file holding what that Secret renders for KEY, so that
 * loadConfig reads it as the backend in the pod would.
 */
function environmentOf(
  objects: K8sObject[],
  container: Container,
  pod?: PodSpec,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef)
      Object.assign(env, one(objects, 'ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) throw new Error('secrets must come as files, not through envFrom');
  }
  for (const entry of container.env ?? []) env[entry.name] = entry.value ?? '';
  const scratch = mkdtempSync(join(tmpdir(), 'ctx-helm-secrets-'));
  for (const [name, path] of Object.entries(env)) {
    if (!name.endsWith('_FILE')) continue;
    const mount = container.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
    const volume = pod?.volumes?.find((v) => v.name === mount?.name);
    if (!mount || !volume?.secret) throw new Error(`${name}=${path} is in no mounted Secret`);
    expect(mount.readOnly).toBe(true);
    const secret = find(objects, 'Secret').find(
      (s) => s.metadata.name === volume.secret?.secretName,
    );
    if (!secret) throw new Error(`Secret ${volume.secret.secretName} is not rendered`);
    const key = path.slice(mount.mountPath.length + 1);
    const value = secret.stringData?.[key];
    if (value === undefined) throw new Error(`Secret ${secret.metadata.name} has no ${key}`);
    env[name] = join(scratch, key);
    writeFileSync(env[name], value);
  }
  return env;
}

const envOfWorkload = (objects: K8sObject[], workload: K8sObject) => {
  const spec = podTemplate(workload).spec;
  return environmentOf(objects, spec.containers[0], spec);
};
const configured = (env: Record<string, string>) =>
  Object.keys(env).map((name) => name.replace(/_FILE$/, ''));

const schema = schemaVariableNames();
const BILLING_KEY = Buffer.alloc(32, 7).toString('base64');
const objects = render();
const api = one(objects, 'Deployment', '-api');
const worker = one(objects, 'Deployment', '-worker');
const job = one(objects, 'Job', '-migrate');

describe('the rendered chart, with the required values only', () => {
  it('holds the objects of a default install', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        ...['ConfigMap', 'Deployment', 'Deployment', 'Ingress', 'Job', 'PersistentVolumeClaim'],
        ...['Pod', 'PodDisruptionBudget', 'Secret', 'Secret', 'Service'],
      ].sort(),
    );
  });

  it.each(['-api', '-worker'])(
    'gives the %s pods every variable the backend reads, in a form it accepts',
    (suffix) => {
      // BILLING_ENCRYPTION_KEY (then derived from JWT_SECRET), METRICS_TOKEN, OIDC_CLIENT_SECRET,
      // SCREENSHOTS_S3_SECRET_ACCESS_KEY and DATABASE_REPLICA_URLS stay unset by default.
      const replicaUrls = 'mysql://calltimex:pw@replica-1:3306/calltimex';
      const withKey = render({
        'externalDatabase.replicaUrls': replicaUrls,
        'billing.encryptionKey': BILLING_KEY,
        'metrics.token': 'm'.repeat(32),
        'oidc.clientSecret': 'client-secret-from-the-idp',
        'config.screenshotsS3SecretAccessKey': 's3-secret-key',
      });
      const env = envOfWorkload(withKey, one(withKey, 'Deployment', suffix));
      expect(schema.filter((name) => !configured(env).includes(name))).toEqual([]);
      const config = loadConfig(env);
      expect(config.database).toMatchObject({
        type: 'mysql',
        url: REQUIRED_SETS['externalDatabase.url'],
      });
      expect(config.replicas).toEqual({ urls: [replicaUrls], maxLagSeconds: 30 });
      expect(config.redis?.url).toBe(REQUIRED_SETS['externalRedis.url']);
      expect(config.mail.smtpUrl).toBe(REQUIRED_SETS['smtp.url']);
      expect(config.auth.jwtSecret).toBe(REQUIRED_SETS['auth.jwtSecret']);
      expect(config.billing.encryptionKeys[0].key).toEqual(Buffer.from(BILLING_KEY, 'base64'));
      expect(config.http.publicUrl).toBe('https://calltimex.example.com');
      expect(config.migrateOnStart).toBe(false);

      const defaults = envOfWorkload(objects, suffix === '-api' ? api : worker);
      expect(schema.filter((name) => !configured(defaults).includes(name))).toEqual([
        'DATABASE_REPLICA_URLS',
        'METRICS_TOKEN',
        'SCREENSHOTS_S3_SECRET_ACCESS_KEY',
        'BILLING_ENCRYPTION_KEY',
        'OIDC_CLIENT_SECRET',
      ]);
      expect(loadConfig(defaults).mail.smtpUrl).toBe(REQUIRED_SETS['smtp.url']);
    },
  );

  it('hands no secret to any container as an environment variable, only as a file', () => {
    for (const workload of [api, worker, job]) {
      const spec = podTemplate(workload).spec;
      for (const container of spec.containers) {
        expect(container.envFrom?.filter((source) => source.secretRef) ?? []).toEqual([]);
        const names = (container.env ?? []).map((entry) => entry.name);
        expect(
          names.filter((name) => (FILE_VARIABLES as readonly string[]).includes(name)),
        ).toEqual([]);
        expect(names).toEqual(expect.arrayContaining(['DATABASE_URL_FILE', 'JWT_SECRET_FILE']));
      }
      // 0440: readable by the pod's group (fsGroup), by no one else.
      const secrets = spec.volumes?.find((v) => v.name === 'secrets')?.secret;
      expect(secrets?.defaultMode).toBe(0o440);
      expect(spec.securityContext).toMatchObject({ fsGroup: 1000, runAsGroup: 1000 });
    }
  });

  it('caps the Node heap of every container at about 75 % of its memory limit', () => {
    for (const workload of [api, worker, job]) {
      const [container] = podTemplate(workload).spec.containers;
      const limit = memoryBytes(String(container.resources?.limits?.memory));
      const heap = heapCapBytes(container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value);
      expect(heap).not.toBeNull();
      expect(heap! / limit).toBeGreaterThanOrEqual(0.7);
      expect(heap! / limit).toBeLessThanOrEqual(0.8);
    }
    const bigger = render({ 'api.resources.limits.memory': '1536Mi' });
    const [container] = podTemplate(one(bigger, 'Deployment', '-api')).spec.containers;
    expect(container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value).toBe(
      '--max-old-space-size=1152',
    );
  });

  it('migrates in a pre-install/pre-upgrade Job whose Secret exists before it runs', () => {
    const hookSecret = one(objects, 'Secret', '-migrate');
    const weight = (o: K8sObject) => Number(o.metadata.annotations?.['helm.sh/hook-weight']);
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(weight(hookSecret)).toBeLessThan(weight(job));
    const [container] = podTemplate(job).spec.containers;
    expect(container.args).toEqual(['cli', 'migrate']);
    const env = envOfWorkload(objects, job);
    expect(readFileSync(env.DATABASE_URL_FILE, 'utf8')).toBe(REQUIRED_SETS['externalDatabase.url']);
    expect(loadConfig(env).database).toMatchObject({ url: REQUIRED_SETS['externalDatabase.url'] });
  });

  it('runs every container non-root, read-only, without capabilities, with resources', () => {
    for (const workload of [api, worker, job]) {
      const spec = podTemplate(workload).spec;
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests?.memory).toBeTruthy();
        expect(container.resources?.limits?.memory).toBeTruthy();
        expect(container.resources?.limits?.cpu).toBeTruthy();
      }
    }
  });

  it('selects the api pods, and only them, from the Service, the PDB and the Ingress', () => {
    const service = one(objects, 'Service', '-api');
    const selector = (service.spec as { selector: Record<string, string> }).selector;
    expect(podTemplate(api).metadata.labels).toMatchObject(selector);
    expect(podTemplate(worker).metadata.labels).not.toMatchObject(selector);
    const pdb = one(objects, 'PodDisruptionBudget');
    expect(podTemplate(api).metadata.labels).toMatchObject(
      (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
    );
    const ingress = one(objects, 'Ingress');
    expect(ingress.spec).toMatchObject({
      tls: [{ hosts: ['calltimex.example.com'], secretName: 'calltimex-tls' }],
      rules: [
        {
          host: 'calltimex.example.com',
          http: {
            paths: [
              { backend: { service: { name: service.metadata.name, port: { name: 'http' } } } },
            ],
          },
        },
      ],
    });
  });

  it('probes and serves on the ports the processes listen on (PORT, METRICS_PORT, WORKER_HEALTH_PORT)', () => {
    const config = one(objects, 'ConfigMap').data ?? {};
    const ports = (workload: K8sObject) =>
      (podTemplate(workload).spec.containers[0] as { ports?: { containerPort: number }[] }).ports;
    expect(ports(api)).toEqual([
      expect.objectContaining({ containerPort: Number(config.PORT) }),
      expect.objectContaining({ name: 'metrics', containerPort: Number(config.METRICS_PORT) }),
    ]);
    expect(ports(worker)).toEqual([
      expect.objectContaining({ containerPort: Number(config.WORKER_HEALTH_PORT) }),
    ]);
  });

  it('ships a `helm test` pod that checks the api health through its Service', () => {
    const pod = one(objects, 'Pod', '-test-health');
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const service = one(objects, 'Service', '-api');
    const port = (service.spec as { ports: { port: number }[] }).ports[0].port;
    const [container] = (pod.spec as unknown as PodSpec).containers as (Container & {
      command: string[];
    })[];
    expect(container.command.at(-1)).toBe(`http://${service.metadata.name}:${port}/api/v1/health`);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true });
  });

  it('mounts the files claim the chart creates in the api and the worker', () => {
    const claim = one(objects, 'PersistentVolumeClaim');
    for (const workload of [api, worker]) {
      const data = podTemplate(workload).spec.volumes?.find((v) => v.name === 'data');
      expect(data?.persistentVolumeClaim?.claimName).toBe(claim.metadata.name);
    }
  });
});

describe('values that change the rendered chart', () => {
  it('restarts pods on a configuration change, through the checksum annotations', () => {
    const checksums = (o: K8sObject[]) =>
      podTemplate(one(o, 'Deployment', '-api')).metadata.annotations;
    const before = checksums(objects);
    expect(before?.['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(checksums(render({ 'config.logLevel': 'debug' }))?.['checksum/config']).not.toBe(
      before?.['checksum/config'],
    );
    expect(checksums(render({ 'auth.jwtSecret': 'z'.repeat(40) }))?.['checksum/secret']).not.toBe(
      before?.['checksum/secret'],
    );
  });

  it('mounts an existing Secret instead of rendering one, reading the keys it lists', () => {
    const rendered = render({ existingSecret: 'calltimex-env' });
    expect(find(rendered, 'Secret')).toEqual([]);
    for (const workload of [one(rendered, 'Deployment', '-api'), one(rendered, 'Job')]) {
      const spec = podTemplate(workload).spec;
      expect(spec.volumes?.find((v) => v.name === 'secrets')?.secret?.secretName).toBe(
        'calltimex-env',
      );
      const files = (spec.containers[0].env ?? []).filter((e) => e.name.endsWith('_FILE'));
      expect(files).toEqual(
        ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SMTP_URL'].map((key) => ({
          name: `${key}_FILE`,
          value: `/run/secrets/calltimex/${key}`,
        })),
      );
    }
  });

  it('pins the image by digest when one is given', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const rendered = render({ 'image.digest': digest });
    for (const workload of [one(rendered, 'Deployment', '-api'), one(rendered, 'Job')]) {
      const [container] = podTemplate(workload).spec.containers as (Container & {
        image: string;
      })[];
      expect(container.image).toBe(`calltimex/backend@${digest}`);
    }
  });

  it('writes mail to the outbox only when asked to, and says so', () => {
    const { 'smtp.url': _omitted, ...others } = REQUIRED_SETS;
    const result = renderChart({ ...others, 'smtp.writeToOutbox': 'true' });
    expect(result.error).toBe('');
    const env = envOfWorkload(result.objects, one(result.objects, 'Deployment', '-worker'));
    expect(env.SMTP_URL_FILE).toBeUndefined();
    expect(loadConfig(env).mail.smtpUrl).toBeNull();
  });

  it('needs none of the secret values with an existing Secret', () => {
    const result = renderChart({
      existingSecret: 'calltimex-env',
      'ingress.host': 'x.example.com',
    });
    expect(result.error).toBe('');
  });

  it('leaves replicas to the HPAs when autoscaling is on', () => {
    const rendered = render({
      'api.autoscaling.enabled': 'true',
      'worker.autoscaling.enabled': 'true',
    });
    for (const suffix of ['-api', '-worker']) {
      const deployment = one(rendered, 'Deployment', suffix);
      expect(deployment.spec?.replicas).toBeUndefined();
      const hpa = one(rendered, 'HorizontalPodAutoscaler', suffix);
      expect(hpa.spec).toMatchObject({
        scaleTargetRef: { kind: 'Deployment', name: deployment.metadata.name },
      });
    }
  });

  it('scales the worker on queue depth with KEDA, watching the queues the backend has', () => {
    const rendered = render({
      'worker.keda.enabled': 'true',
      'worker.keda.redisAddress': 'redis.db:6379',
      'worker.keda.redisPasswordSecret.name': 'redis-password',
    });
    const deployment = one(rendered, 'Deployment', '-worker');
    expect(deployment.spec?.replicas).toBeUndefined();
    const scaled = one(rendered, 'ScaledObject');
    const spec = scaled.spec as {
      scaleTargetRef: { name: string };
      triggers: { type: string; metadata: { listName: string; address: string } }[];
    };
    expect(spec.scaleTargetRef.name).toBe(deployment.metadata.name);
    const definitions = readRepoFile('backend/src/jobs/job-definitions.ts');
    const queues = /QUEUE_NAMES = \[([^\]]+)\]/.exec(definitions)?.[1].match(/[a-z-]+/g) ?? [];
    expect(queues.length).toBeGreaterThan(0);
    for (const trigger of spec.triggers) {
      expect(trigger).toMatchObject({ type: 'redis', metadata: { address: 'redis.db:6379' } });
      const [prefix, queue, list] = trigger.metadata.listName.split(':');
      expect([prefix, list]).toEqual(['calltimex', 'wait']);
      expect(queues).toContain(queue);
    }
    expect(one(rendered, 'TriggerAuthentication').spec).toMatchObject({
      secretTargetRef: [{ parameter: 'password', name: 'redis-password', key: 'password' }],
    });
  });

  it('lets the api migrate at start-up when the migration Job is off', () => {
    const rendered = render({ 'migrations.enabled': 'false' });
    expect(find(rendered, 'Job')).toEqual([]);
    const configMap = one(rendered, 'ConfigMap');
    expect(configMap.data?.MIGRATE_ON_START).toBe('true');
    expect(envOfWorkload(rendered, one(rendered, 'Deployment', '-worker')).MIGRATE_ON_START).toBe(
      'false',
    );
  });

  it('uses an existing claim, or an emptyDir without persistence', () => {
    const existing = render({ 'persistence.existingClaim': 'shared-files' });
    expect(find(existing, 'PersistentVolumeClaim')).toEqual([]);
    const data = (o: K8sObject[]) =>
      podTemplate(one(o, 'Deployment', '-api')).spec.volumes?.find((v) => v.name === 'data');
    expect(data(existing)?.persistentVolumeClaim?.claimName).toBe('shared-files');
    expect(data(render({ 'persistence.enabled': 'false' }))?.emptyDir).toEqual({});
  });

  it('renders the optional NetworkPolicies and ServiceMonitor', () => {
    const rendered = render({
      'networkPolicy.enabled': 'true',
      'metrics.serviceMonitor.enabled': 'true',
    });
    expect(find(rendered, 'NetworkPolicy')).toHaveLength(2);
    expect(one(rendered, 'ServiceMonitor').spec).toMatchObject({
      endpoints: [{ port: 'metrics', path: '/metrics' }],
    });
    const api = one(rendered, 'Service', '-api') as unknown as {
      spec: { ports: { name: string; port: number }[] };
    };
    expect(api.spec.ports).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'metrics', port: 9464 })]),
    );
  });
});

describe('values the chart refuses', () => {
  it('refuses an existing Secret without SMTP_URL, unless mail goes to the outbox', () => {
    const sets = {
      existingSecret: 'calltimex-env',
      'ingress.host': 'x.example.com',
      existingSecretKeys: '{DATABASE_URL,REDIS_URL,JWT_SECRET}',
    };
    expect(renderChart(sets).error).toContain('existingSecretKeys must list SMTP_URL');
    expect(renderChart({ ...sets, 'smtp.writeToOutbox': 'true' }).error).toBe('');
    expect(
      renderChart({ ...sets, existingSecretKeys: '{DATABASE_URL,SMTP_URL,JWT_SECRET}' }).error,
    ).toContain('existingSecretKeys must list REDIS_URL');
  });

  it('accepts every secret key the templates may ask an existing Secret for', () => {
    const sets = {
      existingSecret: 'calltimex-env',
      'ingress.host': 'x.example.com',
      'config.screenshotsStorage': 's3',
      'config.screenshotsS3Endpoint': 'http://minio.storage:9000',
      'config.screenshotsS3Bucket': 'calltimex-shots',
      'config.screenshotsS3AccessKeyId': 'calltimex',
    };
    const keys = 'DATABASE_URL,REDIS_URL,JWT_SECRET,SMTP_URL';
    // The S3 secret is required by the checks, so the schema must let it be listed.
    expect(renderChart({ ...sets, existingSecretKeys: `{${keys}}` }).error).toContain(
      'existingSecretKeys must list SCREENSHOTS_S3_SECRET_ACCESS_KEY',
    );
    expect(
      renderChart({
        ...sets,
        existingSecretKeys: `{${keys},SCREENSHOTS_S3_SECRET_ACCESS_KEY,METRICS_TOKEN,OIDC_CLIENT_SECRET}`,
      }).error,
    ).toBe('');
  });

  it('stores screenshots in an S3 bucket when told, and names what s3 still needs', () => {
    const s3 = {
      'config.screenshotsStorage': 's3',
      'config.screenshotsS3Endpoint': 'http://minio.storage:9000',
      'config.screenshotsS3Bucket': 'calltimex-shots',
      'config.screenshotsS3AccessKeyId': 'calltimex',
      'config.screenshotsS3SecretAccessKey': 's3-secret-key',
    };
    const rendered = render(s3);
    const config = loadConfig(envOfWorkload(rendered, one(rendered, 'Deployment', '-worker')));
    expect(config.screenshots).toMatchObject({
      storage: 's3',
      s3: {
        endpoint: 'http://minio.storage:9000',
        bucket: 'calltimex-shots',
        region: 'us-east-1',
        secretAccessKey: 's3-secret-key',
        forcePathStyle: true,
      },
    });
    expect(one(rendered, 'ConfigMap').data).not.toHaveProperty('SCREENSHOTS_S3_SECRET_ACCESS_KEY');
    const without = (key: string) => renderChart({ ...REQUIRED_SETS, ...s3, [key]: '' }).error;
    expect(without('config.screenshotsS3Bucket')).toContain(
      'config.screenshotsS3Bucket is required',
    );
    expect(without('config.screenshotsS3SecretAccessKey')).toContain(
      'config.screenshotsS3SecretAccessKey is required',
    );
    expect(without('config.screenshotsS3Endpoint')).toContain('config.screenshotsS3Endpoint');
  });

  it('refuses two autoscalers for the worker', () => {
    const result = renderChart({
      ...REQUIRED_SETS,
      'worker.keda.enabled': 'true',
      'worker.keda.redisAddress': 'redis:6379',
      'worker.autoscaling.enabled': 'true',
    });
    expect(result.error).toContain('enable one');
  });

  it.each(Object.keys(REQUIRED_SETS))('refuses to render without %s, saying what to set', (key) => {
    const { [key]: _omitted, ...others } = REQUIRED_SETS;
    const result = renderChart(others);
    expect(result.ok).toBe(false);
    expect(result.error).toContain(`${key} is required`);
  });

  it.each([
    ['externalDatabase.url', 'postgres://x@db/calltimex', 'must start with mysql://'],
    ['externalRedis.url', 'http://redis:6379', 'must start with redis://'],
    ['auth.jwtSecret', 'short', 'at least 32 characters'],
    ['smtp.url', 'mail.example.com:25', 'must start with smtp://'],
    ['config.publicUrl', 'calltimex.example.com', 'must start with http://'],
    ['config.logLevel', 'verbose', 'config.logLevel'],
    ['worker.concurrency', '0', 'worker.concurrency'],
    ['billing.encryptionKey', 'not-a-key', 'billing.encryptionKey'],
    ['externalDatabse.url', 'mysql://x', 'externalDatabse'],
    [
      'externalDatabase.replicaUrls',
      'mysql://u:p@replica-1/calltimex\\,postgres://replica-2/calltimex',
      'replicaUrls must be comma-separated mysql:// URLs',
    ],
    ['externalDatabase.replicaMaxLagSeconds', '0', 'replicaMaxLagSeconds'],
    ['worker.keda.enabled', 'true', 'worker.keda.redisAddress is required'],
    ['image.digest', 'sha256:abc', 'image.digest'],
    ['api.resources.limits.memory', '1.5G', 'api.resources.limits.memory is required, in Mi or Gi'],
    ['worker.resources.limits.memory', 'null', 'worker.resources.limits.memory is required'],
  ])('refuses %s=%s', (key, value, message) => {
    const result = renderChart({ ...REQUIRED_SETS, [key]: value });
    expect(result.ok).toBe(false);
    expect(result.error).toContain(message);
  });
});
