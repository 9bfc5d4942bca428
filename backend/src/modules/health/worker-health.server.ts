import { createServer, type Server } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { JobsLifecycle } from '#src/jobs/jobs-lifecycle.js';
import { HealthService } from './health.service.js';

/** The worker has no HTTP api; this tiny probe lets Docker and Kubernetes see whether it works. */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(JobsLifecycle) private readonly jobs: JobsLifecycle,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.worker.healthPort;
    if (port === 0) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith('/health')) {
        res.writeHead(404).end();
        return;
      }
      this.health.check().then(
        (report) => {
          const ok = report.status === 'ok' && this.jobs.consuming;
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...report, status: ok ? 'ok' : 'unavailable' }));
        },
        () => res.writeHead(503).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, () => resolve());
    });
    logger.info({ port }, 'worker health probe listening');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
