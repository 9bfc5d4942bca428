import { Body, Controller, HttpCode, Inject, Put, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { CurrentDevice, DeviceAuthGuard } from './device-auth.guard.js';
import type { DeviceSession } from './devices.repository.js';
import { DevicesService } from './devices.service.js';
import { ReportInventoryDto } from './dto/inventory.dto.js';

/** Routes an enrolled agent calls about itself (bearer = device token). */
@ApiTags('agent')
@ApiBearerAuth()
@Public()
@UseGuards(DeviceAuthGuard)
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked device token.' })
@Controller('agent')
export class DeviceSelfController {
  constructor(@Inject(DevicesService) private readonly devices: DevicesService) {}

  @Put('inventory')
  @HttpCode(204)
  @ApiOperation({ summary: 'Report this device’s hostname, OS and agent version' })
  @ApiNoContentResponse({ description: 'Recorded.' })
  reportInventory(
    @CurrentDevice() device: DeviceSession,
    @Body() body: ReportInventoryDto,
    @Req() req: Request,
  ): Promise<void> {
    return this.devices.reportInventory(device, body, req.ip ?? null);
  }
}
