import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '#src/common/auth/permissions.js';
import { CurrentDevice, DeviceAuthGuard } from '#src/modules/agent/device-auth.guard.js';
import type { DeviceSession } from '#src/modules/agent/devices.repository.js';
import { AgentConfigDto, IngestEventsDto, IngestResultDto } from './dto/ingest-events.dto.js';
import { recordIngestion } from './ingestion.metrics.js';
import { IngestionService } from './ingestion.service.js';

@ApiTags('agent')
@ApiBearerAuth()
@Public()
@UseGuards(DeviceAuthGuard)
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked device token.' })
@Controller('agent')
export class IngestionController {
  constructor(@Inject(IngestionService) private readonly ingestion: IngestionService) {}

  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload activity spans (bearer = device token; gzip bodies accepted)',
    description:
      'Each event is checked on its own: valid ones are stored even when others are rejected. ' +
      'Idempotent on (device, event id). At most 5,000 events and 5 MB uncompressed.',
  })
  @ApiBody({ type: IngestEventsDto })
  @ApiOkResponse({ type: IngestResultDto })
  @ApiPayloadTooLargeResponse({ description: 'More than 5,000 events or 5 MB uncompressed.' })
  // The body is typed unknown so the global pipe leaves it alone; the service validates per event.
  async ingestEvents(
    @CurrentDevice() device: DeviceSession,
    @Body() body: unknown,
  ): Promise<IngestResultDto> {
    const result = await this.ingestion.ingest(device, body);
    recordIngestion(result);
    return result;
  }

  @Get('config')
  @ApiOperation({ summary: 'What this device’s organization collects' })
  @ApiOkResponse({ type: AgentConfigDto })
  getAgentConfig(@CurrentDevice() device: DeviceSession): AgentConfigDto {
    return { collectTitles: device.collectTitles, urlMode: device.urlMode };
  }
}
