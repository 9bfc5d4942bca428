import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { METRICS_CHALLENGE, isDirectLocalRequest, metricsDenial } from './metrics-access.js';
import { metricsRegistry } from '#src/common/observability/metrics-registry.js';

/** Public to the user guard: metricsDenial decides, by METRICS_TOKEN, METRICS_PUBLIC and METRICS_PORT. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  getMetrics(
    @Headers('authorization') authorization: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const local = isDirectLocalRequest(req.socket.remoteAddress, req.headers);
    const denial = metricsDenial(this.config.metrics, 'api', authorization, local);
    if (denial) {
      if (denial.status === 401) res.setHeader('WWW-Authenticate', METRICS_CHALLENGE);
      throw denial;
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
