// docker-compose.yml and the backend image: the hardening and start-up order IT relies on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  heapCapBytes,
  interpolate,
  memoryBytes,
  readCompose,
  readRepoFile,
  REPO_ROOT,
} from './deploy-files.js';

const compose = readCompose();
const { services, volumes } = compose;
const names = Object.keys(services);
/** The stand-in digest the tests resolve variables with: well-formed, and never committed. */
const SAMPLE_DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const PINNED = /^[a-z0-9][a-z0-9./-]*:[A-Za-z0-9_.-]+@sha256:[0-9a-f]{64}$/;
const DIGEST_VARIABLES = [
  'NODE_IMAGE_DIGEST',
  'MYSQL_IMAGE_DIGEST',
  'REDIS_IMAGE_DIGEST',
  'MAILPIT_IMAGE_DIGEST',
  'CADDY_IMAGE_DIGEST',
];
const withDigests = Object.fromEntries(DIGEST_VARIABLES.map((name) => [name, SAMPLE_DIGEST]));
const seconds = (duration = '10s') => {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
};

describe('docker-compose.yml', () => {
  it('runs MySQL 8.4, Redis 7, the api and the worker; Caddy and a mail catcher only on request', () => {
    expect(names.sort()).toEqual(['api', 'caddy', 'mailpit', 'mysql', 'redis', 'worker']);
    expect(services.caddy.profiles).toEqual(['tls']);
    expect(services.mailpit.profiles).toEqual(['trial']);
    for (const name of ['mysql', 'redis', 'api', 'worker']) {
      expect(services[name].profiles).toBeUndefined();
    }
    expect(services.mysql.image).toMatch(/^mysql:8\.4@/);
    expect(services.redis.image).toMatch(/^redis:7@/);
  });

  it.each(names)('%s has a health check', (name) => {
    expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(names)('%s drops all capabilities, adds none and forbids new privileges', (name) => {
    expect(services[name].cap_add).toBeUndefined();
    expect(services[name].cap_drop).toEqual(['ALL']);
    expect(services[name].security_opt).toEqual(['no-new-privileges:true']);
    expect(services[name].restart).toBe('unless-stopped');
  });

  it.each(names)('%s has a read-only root filesystem', (name) => {
    expect(services[name].read_only).toBe(true);
  });

  it('gives the writable paths each image needs a tmpfs, and nothing more', () => {
    expect(services.mysql.tmpfs?.sort()).toEqual(['/tmp', '/var/run/mysqld']);
    expect(services.mailpit.tmpfs).toEqual(['/tmp']);
    for (const name of ['api', 'worker', 'caddy']) expect(services[name].tmpfs).toEqual(['/tmp']);
    // Redis writes its append-only file to the /data volume only.
    expect(services.redis.tmpfs).toBeUndefined();
  });

  it.each(names)('%s runs as an unprivileged user', (name) => {
    // Set in compose, or else (built locally) the Dockerfile's last USER.
    const build = services[name].build;
    const dockerfile = build
      ? readRepoFile(`${build.context === 'docker' ? 'docker/' : ''}${build.dockerfile}`)
      : '';
    const lastStage = dockerfile.split(/^FROM /m).at(-1) ?? '';
    const user = services[name].user ?? [...lastStage.matchAll(/^USER (.+)$/gm)].at(-1)?.[1];
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  });

  it.each(names)('%s rotates its logs', (name) => {
    const logging = services[name].logging;
    expect(logging?.driver).toBe('json-file');
    expect(logging?.options?.['max-size']).toMatch(/^\d+m$/);
    expect(Number(logging?.options?.['max-file'])).toBeGreaterThanOrEqual(2);
  });

  it.each(names)('%s is limited in memory, CPU and processes', (name) => {
    const service = services[name];
    expect(memoryBytes(String(service.mem_limit))).toBeGreaterThanOrEqual(128 * 1024 ** 2);
    // At most the 2 cores docs/install-compose.md requires: Docker refuses more than the host has.
    expect(service.cpus).toBeGreaterThan(0);
    expect(service.cpus).toBeLessThanOrEqual(2);
    expect(service.pids_limit).toBeGreaterThanOrEqual(32);
  });

  it.each(['api', 'worker'])(
    'caps the Node heap of the %s at about 75 %% of its memory',
    (name) => {
      const limit = memoryBytes(String(services[name].mem_limit));
      const heap = heapCapBytes(String(services[name].environment?.NODE_OPTIONS));
      expect(heap).not.toBeNull();
      expect(heap! / limit).toBeGreaterThanOrEqual(0.7);
      expect(heap! / limit).toBeLessThanOrEqual(0.8);
    },
  );

  it("gives the database's buffer pool half to 70 % of its memory (docs/scaling.md)", () => {
    const flag = (services.mysql.command ?? [])
      .map(String)
      .find((arg) => arg.startsWith('--innodb-buffer-pool-size='));
    expect(flag).toBeDefined();
    const pool = memoryBytes(flag!.split('=')[1]);
    const limit = memoryBytes(String(services.mysql.mem_limit));
    expect(pool / limit).toBeGreaterThanOrEqual(0.5);
    expect(pool / limit).toBeLessThanOrEqual(0.7);
  });

  it('keeps Redis below its memory limit, refusing writes rather than evicting jobs', () => {
    const config = String(services.redis.command?.at(-1));
    const maxmemory = /^maxmemory (\d+)mb$/m.exec(config);
    expect(maxmemory).not.toBeNull();
    expect(Number(maxmemory![1]) * 1024 ** 2).toBeLessThan(
      memoryBytes(String(services.redis.mem_limit)),
    );
    expect(config).toMatch(/^maxmemory-policy noeviction$/m);
  });

  it.each(names)('%s waits for the services it depends on to be healthy', (name) => {
    const dependsOn = services[name].depends_on ?? {};
    expect(Array.isArray(dependsOn)).toBe(false);
    for (const [dependency, { condition }] of Object.entries(dependsOn)) {
      expect(names).toContain(dependency);
      expect(condition).toBe('service_healthy');
    }
  });

  it('starts the api after MySQL and Redis, and the worker after the api has migrated', () => {
    expect(Object.keys(services.api.depends_on ?? {}).sort()).toEqual(['mysql', 'redis']);
    expect(Object.keys(services.worker.depends_on ?? {})).toContain('api');
  });

  it('gives the api and the worker time to shut down before Docker kills them', () => {
    // The api drains in-flight requests (agent uploads, report queries) on SIGTERM.
    expect(seconds(services.api.stop_grace_period)).toBeGreaterThanOrEqual(30);
    // The worker waits WORKER_SHUTDOWN_GRACE_SECONDS for running jobs, then releases them.
    const grace = interpolate(
      String(services.worker.environment?.WORKER_SHUTDOWN_GRACE_SECONDS),
      {},
    );
    expect(seconds(services.worker.stop_grace_period)).toBeGreaterThanOrEqual(Number(grace) + 10);
    expect(seconds(services.mysql.stop_grace_period)).toBeGreaterThanOrEqual(30);
  });

  it('builds the api and the worker from the one backend image and picks the role by command', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].build).toMatchObject({
        context: '.',
        dockerfile: 'docker/backend.Dockerfile',
      });
      expect(services[name].volumes).toEqual(['calltimex-data:/data']);
    }
    expect(services.api.image).toBe(services.worker.image);
    expect(services.api.command).toEqual(['api']);
    expect(services.worker.command).toEqual(['worker']);
  });

  it("names what it builds locally and never pulls it: no one else's image of that name", () => {
    const built = names.filter((name) => services[name].build);
    expect(built.sort()).toEqual(['api', 'caddy', 'worker']);
    for (const name of built) {
      expect(services[name].pull_policy).toBe('build');
      const image = interpolate(String(services[name].image), {});
      expect(image).toMatch(/^calltimex-local\/[a-z]+:\d+\.\d+\.\d+$/);
    }
    const version = JSON.parse(readRepoFile('backend/package.json')) as { version: string };
    expect(interpolate(String(services.api.image), {})).toBe(
      `calltimex-local/backend:${version.version}`,
    );
    expect(interpolate(String(services.api.build?.args?.VERSION), {})).toBe(version.version);
  });

  it.each(names.filter((name) => !['api', 'worker', 'caddy'].includes(name)))(
    'pins the %s image by digest, and refuses to start without one',
    (name) => {
      const image = String(services[name].image);
      expect(interpolate(image, withDigests)).toMatch(PINNED);
      expect(image).not.toMatch(/:latest\b/);
      const variable = /@\$\{([A-Z_]+):\?[^}]+update-image-digests[^}]*\}$/.exec(image)?.[1];
      expect(DIGEST_VARIABLES).toContain(variable);
      const { [variable!]: _omitted, ...others } = withDigests;
      expect(() => interpolate(image, others)).toThrow(variable);
    },
  );

  it('pins the base images of what it builds by digest, through required build arguments', () => {
    const args = {
      backend: services.api.build?.args?.NODE_IMAGE_DIGEST,
      caddy: services.caddy.build?.args?.CADDY_IMAGE_DIGEST,
    };
    for (const value of Object.values(args)) {
      expect(value).toMatch(/^\$\{[A-Z_]+_IMAGE_DIGEST:\?[^}]*update-image-digests[^}]*\}$/);
    }
    for (const file of ['docker/backend.Dockerfile', 'docker/caddy.Dockerfile']) {
      const dockerfile = readRepoFile(file);
      const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
      const external = from.filter((ref) => ref.startsWith('$'));
      expect(external.length).toBeGreaterThan(0);
      for (const ref of external) {
        const [, image, digest] = /^\$\{([A-Z_]+)\}@\$\{([A-Z_]+_DIGEST)\}$/.exec(ref) ?? [];
        expect(image).toBeTruthy();
        // The digest argument has no default: a build without it fails instead of floating.
        expect(dockerfile).toMatch(new RegExp(`^ARG ${digest}$`, 'm'));
        const tag = new RegExp(`^ARG ${image}=(\\S+)$`, 'm').exec(dockerfile)?.[1];
        expect(`${tag}@${SAMPLE_DIGEST}`).toMatch(PINNED);
      }
    }
  });

  it('resolves, in scripts/update-image-digests.sh, exactly the tags the files pin', () => {
    const script = readRepoFile('scripts/update-image-digests.sh');
    const listed = Object.fromEntries(
      [...script.matchAll(/^ {2}'([A-Z_]+_IMAGE_DIGEST) (\S+)'$/gm)].map((m) => [m[1], m[2]]),
    );
    const dockerfileTag = (file: string, arg: string) =>
      new RegExp(`^ARG ${arg}=(\\S+)$`, 'm').exec(readRepoFile(file))?.[1];
    const used = {
      NODE_IMAGE_DIGEST: dockerfileTag('docker/backend.Dockerfile', 'NODE_IMAGE'),
      CADDY_IMAGE_DIGEST: dockerfileTag('docker/caddy.Dockerfile', 'CADDY_IMAGE'),
      MYSQL_IMAGE_DIGEST: services.mysql.image?.split('@')[0],
      REDIS_IMAGE_DIGEST: services.redis.image?.split('@')[0],
      MAILPIT_IMAGE_DIGEST: services.mailpit.image?.split('@')[0],
    };
    expect(listed).toEqual(used);
  });

  describe('scripts/update-image-digests.sh', () => {
    // A stand-in `crane` on PATH: the registry is out of reach here, the script's logic is not.
    const run = (craneOutput: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'ctx-digests-'));
      mkdirSync(join(dir, 'bin'));
      writeFileSync(
        join(dir, 'bin/crane'),
        `#!/bin/sh\n[ "$1" = digest ] || exit 2\n${craneOutput}\n`,
        { mode: 0o755 },
      );
      const target = join(dir, 'env');
      writeFileSync(target, 'HTTP_PORT=3000\nMYSQL_IMAGE_DIGEST=\n');
      const result = spawnSync(
        'bash',
        [join(REPO_ROOT, 'scripts/update-image-digests.sh'), target],
        {
          encoding: 'utf8',
          env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
        },
      );
      return { ...result, text: readFileSync(target, 'utf8') };
    };

    it('writes the digest of every tag into the env file, keeping its other lines', () => {
      // The stand-in answers sha256(<image>), so each line shows which tag it was resolved from.
      const { status, text } = run(
        'printf "sha256:%s\\n" "$(printf %s "$2" | sha256sum | cut -c1-64)"',
      );
      expect(status).toBe(0);
      const sha = (image: string) => `sha256:${createHash('sha256').update(image).digest('hex')}`;
      expect(text.split('\n').filter(Boolean).sort()).toEqual(
        [
          'HTTP_PORT=3000',
          `CADDY_IMAGE_DIGEST=${sha('caddy:2.8')}`,
          `MAILPIT_IMAGE_DIGEST=${sha(String(services.mailpit.image).split('@')[0])}`,
          `MYSQL_IMAGE_DIGEST=${sha('mysql:8.4')}`,
          `NODE_IMAGE_DIGEST=${sha('node:22-bookworm-slim')}`,
          `REDIS_IMAGE_DIGEST=${sha('redis:7')}`,
        ].sort(),
      );
    });

    it('refuses an answer that is not a digest and leaves the file as it was', () => {
      const { status, stderr, text } = run('echo latest');
      expect(status).toBe(1);
      expect(stderr).toContain('not sha256:<64 hex digits>');
      expect(text).toBe('HTTP_PORT=3000\nMYSQL_IMAGE_DIGEST=\n');
    });
  });

  it('ships no digest it did not resolve: .env.example leaves each empty or holds a real one', () => {
    // Digests are written by scripts/update-image-digests.sh, never typed in by hand.
    const example = readRepoFile('.env.example');
    for (const variable of DIGEST_VARIABLES) {
      const value = new RegExp(`^${variable}=(.*)$`, 'm').exec(example)?.[1];
      expect(value).toBeDefined();
      expect(value).toMatch(/^(sha256:[0-9a-f]{64})?$/);
    }
  });

  it('splits the networks: the proxy reaches the api, never the datastores', () => {
    const networksOf = (name: string) => services[name].networks ?? [];
    for (const name of names) expect(networksOf(name).length).toBeGreaterThan(0);
    expect(networksOf('caddy')).toEqual(['edge']);
    expect(networksOf('api').sort()).toEqual(['backend', 'edge']);
    for (const datastore of ['mysql', 'redis']) {
      expect(networksOf(datastore)).toEqual(['backend']);
      for (const other of ['caddy', 'mailpit']) {
        expect(networksOf(other).filter((n) => networksOf(datastore).includes(n))).toEqual([]);
      }
    }
    expect(networksOf('worker')).toContain('backend');
    expect(networksOf('worker')).not.toContain('edge');
    // The trial's catcher sits beside the worker, which sends the mail.
    expect(networksOf('mailpit').filter((n) => networksOf('worker').includes(n))).not.toEqual([]);
    expect(compose.networks.backend?.internal).toBe(true);
    // A service on the internal network alone cannot publish a port.
    for (const name of names.filter((n) => services[n].ports)) {
      expect(networksOf(name).some((n) => !compose.networks[n]?.internal)).toBe(true);
    }
  });

  it('keeps data in named volumes and runs the databases as their image users', () => {
    expect(Object.keys(volumes).sort()).toEqual([
      'caddy-config',
      'caddy-data',
      'calltimex-data',
      'mysql-data',
      'redis-data',
    ]);
    expect(services.mysql.user).toBe('999:999');
    expect(services.redis.user).toBe('999:999');
  });

  it('checks the api and worker health on the ports they listen on', () => {
    expect(String(services.api.environment?.PORT)).toBe('3000');
    expect(String(services.worker.environment?.WORKER_HEALTH_PORT)).toBe('3001');
    expect(services.api.healthcheck?.test).toEqual([
      'CMD',
      'node',
      '/app/docker/healthcheck.mjs',
      'api',
    ]);
    expect(services.worker.healthcheck?.test).toEqual([
      'CMD',
      'node',
      '/app/docker/healthcheck.mjs',
      'worker',
    ]);
    const healthcheck = readRepoFile('docker/healthcheck.mjs');
    expect(healthcheck).toContain("process.env.WORKER_HEALTH_PORT ?? '3001'");
    expect(healthcheck).toContain("process.env.PORT ?? '3000'}/api/v1/health");
  });

  it('publishes the api on an address .env chooses, loopback by default', () => {
    expect(services.api.ports).toEqual(['${HTTP_BIND_ADDRESS:-127.0.0.1}:${HTTP_PORT:-3000}:3000']);
    expect(services.worker.ports).toBeUndefined();
    expect(services.mailpit.ports).toEqual(['127.0.0.1:${MAILPIT_UI_PORT:-8025}:8025']);
  });
});

describe('Caddy (profile tls)', () => {
  const caddyfile = readRepoFile('docker/Caddyfile');
  const dockerfile = readRepoFile('docker/caddy.Dockerfile');

  it('listens on unprivileged ports that compose publishes as 80 and 443', () => {
    const httpPort = /^\s*http_port (\d+)$/m.exec(caddyfile)?.[1];
    const httpsPort = /^\s*https_port (\d+)$/m.exec(caddyfile)?.[1];
    expect(Number(httpPort)).toBeGreaterThanOrEqual(1024);
    expect(Number(httpsPort)).toBeGreaterThanOrEqual(1024);
    expect(services.caddy.ports).toEqual([`80:${httpPort}`, `443:${httpsPort}`]);
    // Caddy's own redirect would name the inner port; the http:// site redirects to 443.
    expect(caddyfile).toMatch(/auto_https disable_redirects/);
    expect(caddyfile).toMatch(
      /^http:\/\/\{\$CALLTIMEX_DOMAIN\} \{\n\s+redir https:\/\/\{host\}\{uri\} permanent/m,
    );
  });

  it('runs as uid 1000 from a binary without the file capability cap_drop would trip on', () => {
    expect(dockerfile).toMatch(/setcap -r \/usr\/bin\/caddy/);
    expect(dockerfile).toMatch(/chown -R 1000:1000 \/data \/config/);
    expect(dockerfile.match(/^USER (.+)$/gm)?.at(-1)).toBe('USER 1000:1000');
  });

  it('overwrites X-Forwarded-For, so the api trusts exactly one hop', () => {
    // With trusted_proxies Caddy would pass a client's own X-Forwarded-For through.
    expect(caddyfile).not.toContain('trusted_proxies');
    expect(caddyfile).toMatch(/reverse_proxy api:3000/);
    expect(interpolate(String(services.api.environment?.TRUST_PROXY_HOPS), {})).toBe('1');
  });
});

describe('the trial mail catcher', () => {
  it('is never where the api or the worker send mail by default', () => {
    for (const name of ['api', 'worker']) {
      const environment = services[name].environment ?? {};
      expect(environment.SMTP_URL).toBeUndefined();
      expect(environment.SMTP_URL_FILE).toBe('/run/secrets/smtp_url');
    }
    expect(readRepoFile('docker-compose.yml')).not.toMatch(/SMTP_URL:.*mailpit/);
  });
});

describe('docker/backend.Dockerfile', () => {
  const dockerfile = readRepoFile('docker/backend.Dockerfile');
  const lines = dockerfile.split('\n');
  const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

  it('is multi-stage on node:22-bookworm-slim, pinned by digest', () => {
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:22-bookworm-slim');
    expect(dockerfile).not.toMatch(/^FROM \$\{NODE_IMAGE\} /m);
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual([
      'manifests',
      'toolchain',
      'build-deps',
      'build',
      'prod-deps',
      'agent-bundle',
      'runtime',
    ]);
  });

  it('installs dependencies before it copies the sources', () => {
    const buildDeps = index(/^FROM toolchain AS build-deps$/);
    const build = index(/^FROM build-deps AS build$/);
    const npmCi = lines.findIndex((line, i) => i > buildDeps && /npm ci/.test(line));
    const copySources = lines.findIndex((line, i) => i > build && /^COPY \. \.$/.test(line));
    expect(npmCi).toBeGreaterThan(buildDeps);
    expect(npmCi).toBeLessThan(build);
    expect(copySources).toBeGreaterThan(build);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('runs as a numeric non-root user with a health check and tini', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(
      /^HEALTHCHECK .*\n\s+CMD \["node", "\/app\/docker\/healthcheck\.mjs"\]$/m,
    );
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "/app/docker/entrypoint.sh"]');
    expect(runtime).toMatch(/^CMD \["api"\]$/m);
  });

  it('ships the console build and the scripts the runtime stage uses', () => {
    expect(dockerfile).toContain('COPY --from=build /app/frontend/dist ./frontend/dist');
    for (const file of [
      'docker/entrypoint.sh',
      'docker/healthcheck.mjs',
      'docker/copy-manifests.mjs',
    ]) {
      expect(existsSync(join(REPO_ROOT, file))).toBe(true);
    }
  });

  it('puts the console where the api looks for it', () => {
    // The api resolves the console relative to backend/dist; the image keeps the repository layout.
    expect(readRepoFile('backend/src/configure-app.ts')).toContain(
      "'../../frontend/dist/console/browser'",
    );
    expect(dockerfile).toContain('COPY --from=build /app/backend/dist ./backend/dist');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
  });

  it('needs nothing from backend/src at run time: it holds TypeScript only', () => {
    // The image ships tsc's output (backend/dist); templates or other assets in src/ would need
    // a copy step in the build stage.
    const assets = readdirSync(join(REPO_ROOT, 'backend/src'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(assets).toEqual([]);
  });

  it('maps the roles of the entrypoint to entry points the backend has', () => {
    const entrypoint = readRepoFile('docker/entrypoint.sh');
    expect(entrypoint).toContain('api) exec node backend/dist/main.js "$@"');
    expect(entrypoint).toContain('worker) exec node backend/dist/worker.js "$@"');
    expect(entrypoint).toContain('cli) exec node backend/dist/cli.js "$@"');
    for (const source of ['backend/src/main.ts', 'backend/src/worker.ts']) {
      expect(existsSync(join(REPO_ROOT, source))).toBe(true);
    }
  });

  it('keeps dependencies, build output, data and secrets out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', 'data', '.env', '.git', 'secrets']) {
      expect(ignored).toContain(entry);
    }
  });
});
