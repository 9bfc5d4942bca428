import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../common/auth/permissions.js';
import { metricsRegistry } from './metrics.js';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  getMetrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
