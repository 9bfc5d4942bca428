import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { HealthService, type HealthReport } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({
    description:
      "The database (and Redis in server mode) answer. With read replicas, `details.replicas` gives each one's state (ok, lagging, down, starting) and lag in seconds; a replica never makes this 503.",
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer.' })
  @ApiOperation({ summary: 'Whether the database (and Redis) answer' })
  async getHealth(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
