import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, toProblem } from '#src/common/errors/problem.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { describeListenAddress } from '#src/common/http/listen-address.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { METRICS_CHALLENGE, metricsDenial } from './metrics-access.js';
import { metricsRegistry } from '#src/common/observability/metrics-registry.js';

/**
 * With METRICS_PORT set, GET /metrics is served here, on its own port and address, and no longer
 * on the api's: Prometheus reaches it over the cluster or host network, the internet never does.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Server | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get address(): AddressInfo | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (port === 0) return;
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const denial =
        req.method === 'GET' && path === '/metrics'
          ? metricsDenial(this.config.metrics, 'metrics', req.headers.authorization)
          : new NotFoundError();
      if (denial) {
        const { problem } = toProblem(denial, path, undefined);
        if (problem.status === 401) res.setHeader('WWW-Authenticate', METRICS_CHALLENGE);
        res.writeHead(problem.status, { 'Content-Type': PROBLEM_CONTENT_TYPE });
        res.end(JSON.stringify(problem));
        return;
      }
      metricsRegistry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': metricsRegistry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'metrics failed');
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      if (host) this.server?.listen(port, host, () => resolve());
      else this.server?.listen(port, () => resolve());
    });
    logger.info(
      { port, host: this.address?.address },
      `metrics listening on ${describeListenAddress(this.address)}/metrics`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
