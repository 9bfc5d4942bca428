// The chart as Helm renders it (Helm from scripts/check-deploy.sh): the environment the api and the
// worker get, the order of the hook, the wiring between objects, and the value checks.
import { loadConfig } from '../../src/config/load-config.js';
import {
  type K8sObject,
  readRepoFile,
  renderChart,
  REQUIRED_SETS,
  schemaVariableNames,
} from './deploy-files.js';

interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: object }[];
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

/** The environment a container sees: envFrom sources in order, then env. */
function environmentOf(objects: K8sObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef)
      Object.assign(env, one(objects, 'ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) {
      const secret = find(objects, 'Secret').find(
        (s) => s.metadata.name === source.secretRef?.name,
      );
      if (!secret) throw new Error(`Secret ${source.secretRef.name} is not rendered`);
      Object.assign(env, secret.stringData);
    }
  }
  for (const entry of container.env ?? []) env[entry.name] = entry.value ?? '';
  return env;
}

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
      // Two optional secrets stay unset by default: SMTP_URL (mail then goes to the outbox) and
      // BILLING_ENCRYPTION_KEY (then derived from JWT_SECRET).
      const withSmtp = render({
        'smtp.url': 'smtp://relay.example.com:587',
        'billing.encryptionKey': BILLING_KEY,
      });
      const [container] = podTemplate(one(withSmtp, 'Deployment', suffix)).spec.containers;
      const env = environmentOf(withSmtp, container);
      expect(schema.filter((name) => !(name in env))).toEqual([]);
      const config = loadConfig(env);
      expect(config.database).toMatchObject({
        type: 'mysql',
        url: REQUIRED_SETS['externalDatabase.url'],
      });
      expect(config.redis?.url).toBe(REQUIRED_SETS['externalRedis.url']);
      expect(config.mail.smtpUrl).toBe('smtp://relay.example.com:587');
      expect(config.http.publicUrl).toBe('https://calltimex.example.com');
      expect(config.migrateOnStart).toBe(false);

      const [defaultContainer] = podTemplate(suffix === '-api' ? api : worker).spec.containers;
      const defaults = environmentOf(objects, defaultContainer);
      expect(schema.filter((name) => !(name in defaults)).sort()).toEqual([
        'BILLING_ENCRYPTION_KEY',
        'SMTP_URL',
      ]);
      expect(loadConfig(defaults).mail.smtpUrl).toBeNull();
    },
  );

  it('migrates in a pre-install/pre-upgrade Job whose Secret exists before it runs', () => {
    const hookSecret = one(objects, 'Secret', '-migrate');
    const weight = (o: K8sObject) => Number(o.metadata.annotations?.['helm.sh/hook-weight']);
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(weight(hookSecret)).toBeLessThan(weight(job));
    const [container] = podTemplate(job).spec.containers;
    expect(container.args).toEqual(['cli', 'migrate']);
    const env = environmentOf(objects, container);
    expect(env.DATABASE_URL).toBe(REQUIRED_SETS['externalDatabase.url']);
    expect(() => loadConfig(env)).not.toThrow();
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

  it('uses an existing Secret instead of rendering one', () => {
    const rendered = render({ existingSecret: 'calltimex-env' });
    expect(find(rendered, 'Secret')).toEqual([]);
    for (const workload of [one(rendered, 'Deployment', '-api'), one(rendered, 'Job')]) {
      const [container] = podTemplate(workload).spec.containers;
      expect(container.envFrom).toContainEqual({ secretRef: { name: 'calltimex-env' } });
    }
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
    const [workerContainer] = podTemplate(one(rendered, 'Deployment', '-worker')).spec.containers;
    expect(environmentOf(rendered, workerContainer).MIGRATE_ON_START).toBe('false');
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
    ['worker.keda.enabled', 'true', 'worker.keda.redisAddress is required'],
  ])('refuses %s=%s', (key, value, message) => {
    const result = renderChart({ ...REQUIRED_SETS, [key]: value });
    expect(result.ok).toBe(false);
    expect(result.error).toContain(message);
  });
});
