// Structural checks of helm/calltimex. There is no Helm binary here, so the chart is not rendered:
// these tests read its templates as text and as YAML with the template actions taken out.
import {
  allTemplateText,
  blockBalance,
  chartTemplateFiles,
  extractDefine,
  leafPaths,
  lookup,
  parseStrippedTemplate,
  readTemplate,
  readYaml,
  templateActions,
  valuesPaths,
} from './deploy-files.js';

const values = readYaml('helm/calltimex/values.yaml');
const files = chartTemplateFiles();
const manifests = files.filter((f) => f.endsWith('.yaml'));
const helpers = readTemplate('_helpers.tpl');

/** Values whose absence must stop an install, with the message that says what to set. */
const REQUIRED_VALUES = [
  'externalDatabase.url',
  'externalRedis.url',
  'auth.jwtSecret',
  'smtp.url',
  'ingress.host',
];

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

function manifestsOf(file: string): Manifest[] {
  return parseStrippedTemplate(readTemplate(file))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function containersOf(manifest: Manifest): Record<string, unknown>[] {
  const template = (manifest.spec?.template ?? {}) as { spec?: { containers?: unknown[] } };
  return (template.spec?.containers ?? []) as Record<string, unknown>[];
}

describe('Chart.yaml', () => {
  const chart = readYaml('helm/calltimex/Chart.yaml') as Record<string, unknown>;

  it('is a v2 application chart with a semantic version and an app version', () => {
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'calltimex', type: 'application' });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(String(chart.appVersion)).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('templates and values.yaml', () => {
  const used = valuesPaths(allTemplateText());

  it('use only .Values paths that values.yaml defines', () => {
    expect(used.filter((path) => !lookup(values, path).found)).toEqual([]);
    expect(used.length).toBeGreaterThan(40);
  });

  it('leave no value in values.yaml unused', () => {
    const unused = leafPaths(values).filter(
      (leaf) => !used.some((path) => leaf === path || leaf.startsWith(`${path}.`)),
    );
    expect(unused).toEqual([]);
  });

  it.each(files)('%s has balanced actions and blocks', (file) => {
    const text = readTemplate(file);
    expect(text.split('{{').length).toBe(text.split('}}').length);
    expect(blockBalance(text)).toBe(0);
  });

  it('include only templates _helpers.tpl defines, and define none that is unused', () => {
    const text = allTemplateText();
    const defined = [...helpers.matchAll(/define "([^"]+)"/g)].map((m) => m[1]);
    const included = [
      ...new Set([...text.matchAll(/(?:include|template) "([^"]+)"/g)].map((m) => m[1])),
    ];
    expect(included.filter((name) => !defined.includes(name))).toEqual([]);
    expect(defined.filter((name) => !included.includes(name))).toEqual([]);
  });

  it.each(manifests)('%s is well-formed YAML outside its actions', (file) => {
    const documents = parseStrippedTemplate(readTemplate(file));
    for (const document of documents) expect(document.errors).toEqual([]);
  });

  it.each(manifests.filter((f) => f !== 'checks.yaml'))(
    '%s holds Kubernetes objects with apiVersion, kind, name and the chart labels',
    (file) => {
      const objects = manifestsOf(file);
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) {
        expect(object.apiVersion).toMatch(/^[a-z0-9./]+$/);
        expect(object.kind).toMatch(/^[A-Z][A-Za-z]+$/);
        expect(object.metadata?.name).toBeTruthy();
      }
      expect(readTemplate(file)).toContain('include "calltimex.labels" . | nindent 4');
    },
  );

  it('checks.yaml renders nothing but checks', () => {
    const text = readTemplate('checks.yaml');
    expect(text.replace(/\{\{[\s\S]*?\}\}/g, '').trim()).toBe('');
  });
});

describe('required values', () => {
  const checks = readTemplate('checks.yaml');

  it.each(REQUIRED_VALUES)('%s is guarded by `required` with a message in checks.yaml', (path) => {
    const guard = templateActions(checks).find((action) =>
      new RegExp(`required "[^"]{20,}" \\.Values\\.${path.replace('.', '\\.')}$`).test(action),
    );
    expect(guard).toBeDefined();
  });

  it.each(REQUIRED_VALUES)('%s has no default in values.yaml, so the guard bites', (path) => {
    expect(lookup(values, path)).toEqual({ found: true, value: '' });
  });

  it('checks the secrets only when no existingSecret is given', () => {
    expect(checks).toMatch(
      /\{\{- if not \.Values\.existingSecret \}\}[\s\S]*externalDatabase\.url/,
    );
  });

  it('fails on malformed URLs, short secrets and out-of-range numbers', () => {
    const failures = templateActions(checks).filter((action) => action.startsWith('fail '));
    expect(failures.length).toBeGreaterThanOrEqual(10);
    for (const path of ['externalDatabase.url', 'externalRedis.url', 'auth.jwtSecret']) {
      expect(failures.some((action) => action.includes(path))).toBe(true);
    }
  });
});

describe('workloads', () => {
  const [api] = manifestsOf('api-deployment.yaml');
  const [worker] = manifestsOf('worker-deployment.yaml');
  const jobFile = manifestsOf('migration-job.yaml');
  const job = jobFile.find((m) => m.kind === 'Job');

  it('runs the api and the worker from one image, by their command', () => {
    const [apiContainer] = containersOf(api);
    const [workerContainer] = containersOf(worker);
    expect(apiContainer.args).toEqual(['api']);
    expect(workerContainer.args).toEqual(['worker']);
    for (const file of ['api-deployment.yaml', 'worker-deployment.yaml', 'migration-job.yaml']) {
      expect(readTemplate(file)).toContain('image: {{ include "calltimex.image" . | quote }}');
    }
  });

  it('probes the api on /api/v1/health: startup, readiness and liveness', () => {
    const [container] = containersOf(api);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(container[probe]).toMatchObject({ httpGet: { path: '/api/v1/health', port: 'http' } });
    }
  });

  it('probes the worker on its health port', () => {
    const [container] = containersOf(worker);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(container[probe]).toMatchObject({ httpGet: { path: '/health', port: 'health' } });
    }
    expect(container.ports).toEqual([{ name: 'health', containerPort: 3001, protocol: 'TCP' }]);
  });

  it('restarts api and worker pods when their configuration changes', () => {
    for (const file of ['api-deployment.yaml', 'worker-deployment.yaml']) {
      expect(readTemplate(file)).toMatch(
        /annotations:\n\s+\{\{- include "calltimex.configChecksums" \. \| nindent 8 \}\}/,
      );
    }
    const checksums = extractDefine(helpers, 'calltimex.configChecksums');
    expect(checksums).toContain(
      'checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}',
    );
    expect(checksums).toContain('checksum/secret:');
  });

  it('migrates in a pre-install/pre-upgrade hook Job that runs the CLI', () => {
    expect(job?.metadata?.annotations).toMatchObject({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const [container] = containersOf(job!);
    expect(container.args).toEqual(['cli', 'migrate']);
    expect((job?.spec?.template as { spec: { restartPolicy: string } }).spec.restartPolicy).toBe(
      'Never',
    );
  });

  it('gives the hook Job its Secret before the Job runs', () => {
    const secret = jobFile.find((m) => m.kind === 'Secret');
    const weight = (m?: Manifest) => Number(m?.metadata?.annotations?.['helm.sh/hook-weight']);
    expect(secret?.metadata?.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(weight(secret)).toBeLessThan(weight(job));
  });

  it.each(['api-deployment.yaml', 'worker-deployment.yaml', 'migration-job.yaml'])(
    '%s sets resources and the hardened security contexts',
    (file) => {
      const text = readTemplate(file);
      expect(text).toMatch(
        /resources:\n\s+\{\{- toYaml \.Values\.[a-z]+\.resources \| nindent 12 \}\}/,
      );
      expect(text).toContain('{{- toYaml .Values.securityContext | nindent 12 }}');
      expect(text).toContain('{{- include "calltimex.podSpecCommon" . | nindent 6 }}');
    },
  );

  it('defaults to non-root pods with a read-only root filesystem and no capabilities', () => {
    expect(lookup(values, 'podSecurityContext').value).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(lookup(values, 'securityContext').value).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(extractDefine(helpers, 'calltimex.podSpecCommon')).toContain(
      'toYaml .Values.podSecurityContext',
    );
    // A read-only root needs a writable /tmp.
    expect(extractDefine(helpers, 'calltimex.volumeMounts')).toContain('mountPath: /tmp');
  });

  it('autoscales the api and the worker with autoscaling/v2 HPAs on their Deployments', () => {
    for (const [file, component] of [
      ['api-hpa.yaml', 'api'],
      ['worker-hpa.yaml', 'worker'],
    ]) {
      const [hpa] = manifestsOf(file);
      expect(hpa).toMatchObject({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment' } },
      });
      expect(readTemplate(file)).toContain(
        `name: {{ include "calltimex.fullname" . }}-${component}\n  minReplicas`,
      );
    }
  });

  it('leaves replicas to the HPA (or KEDA) while it is enabled', () => {
    expect(readTemplate('api-deployment.yaml')).toMatch(
      /\{\{- if not \.Values\.api\.autoscaling\.enabled \}\}\n\s+replicas: \{\{ \.Values\.api\.replicas \}\}/,
    );
    expect(readTemplate('worker-deployment.yaml')).toMatch(
      /\{\{- if not \(or \.Values\.worker\.autoscaling\.enabled \.Values\.worker\.keda\.enabled\) \}\}\n\s+replicas: \{\{ \.Values\.worker\.replicas \}\}/,
    );
  });

  it('routes the Ingress to the api Service and keeps the files volume on uninstall', () => {
    const [ingress] = manifestsOf('api-ingress.yaml');
    expect(ingress.kind).toBe('Ingress');
    expect(readTemplate('api-ingress.yaml')).toContain(
      'name: {{ include "calltimex.fullname" . }}-api\n                port:\n                  name: http',
    );
    const [pvc] = manifestsOf('pvc.yaml');
    expect(pvc.metadata?.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
  });

  it('tells the operator how to reach and check the release in NOTES.txt', () => {
    const notes = readTemplate('NOTES.txt');
    expect(notes).toContain('/api/v1/health');
    expect(notes).toContain('rollout status');
  });
});
