// docker-compose.yml and the backend image: the hardening and start-up order IT relies on.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCompose, readRepoFile, REPO_ROOT } from './deploy-files.js';

const { services, volumes } = readCompose();
const names = Object.keys(services);

describe('docker-compose.yml', () => {
  it('runs MySQL 8.4, Redis 7, the api, the worker, a mail catcher and, optionally, Caddy', () => {
    expect(names.sort()).toEqual(['api', 'caddy', 'mailpit', 'mysql', 'redis', 'worker']);
    expect(services.caddy.profiles).toEqual(['tls']);
    expect(services.caddy.cap_add).toEqual(['NET_BIND_SERVICE']);
    expect(services.mysql.image).toBe('mysql:8.4');
    expect(services.redis.image).toMatch(/^redis:7/);
  });

  it.each(names)('%s has a health check', (name) => {
    expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(names)('%s drops all capabilities and forbids new privileges', (name) => {
    // Caddy adds back only NET_BIND_SERVICE (checked above); nothing else adds any.
    if (name !== 'caddy') expect(services[name].cap_add).toBeUndefined();
    expect(services[name].cap_drop).toEqual(['ALL']);
    expect(services[name].security_opt).toEqual(['no-new-privileges:true']);
    expect(services[name].restart).toBe('unless-stopped');
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

  it('builds the api and the worker from the one backend image and picks the role by command', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].build).toEqual({
        context: '.',
        dockerfile: 'docker/backend.Dockerfile',
      });
      expect(services[name].read_only).toBe(true);
      expect(services[name].volumes).toEqual(['calltimex-data:/data']);
    }
    expect(services.api.image).toBe(services.worker.image);
    expect(services.api.command).toEqual(['api']);
    expect(services.worker.command).toEqual(['worker']);
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
  });
});

describe('docker/backend.Dockerfile', () => {
  const dockerfile = readRepoFile('docker/backend.Dockerfile');
  const lines = dockerfile.split('\n');
  const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

  it('is multi-stage on node:22-bookworm-slim', () => {
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:22-bookworm-slim');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual([
      'manifests',
      'toolchain',
      'build-deps',
      'build',
      'prod-deps',
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
    for (const entry of ['**/node_modules', '**/dist', 'data', '.env', '.git']) {
      expect(ignored).toContain(entry);
    }
  });
});
