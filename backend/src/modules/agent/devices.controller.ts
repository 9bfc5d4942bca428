import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { DevicesService } from './devices.service.js';
import { DeviceDto, DeviceListQueryDto, DevicePageDto } from './dto/device.dto.js';

@ApiTags('agent')
@ApiBearerAuth()
@RequirePermissions('devices:manage')
@Controller('agent/devices')
export class DevicesController {
  constructor(@Inject(DevicesService) private readonly devices: DevicesService) {}

  @Get()
  @ApiOkResponse({ type: DevicePageDto })
  @ApiOperation({ summary: 'List enrolled devices' })
  listDevices(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DeviceListQueryDto,
  ): Promise<DevicePageDto> {
    return this.devices.listDevices(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: DeviceDto })
  @ApiOperation({ summary: 'One enrolled device' })
  getDevice(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<DeviceDto> {
    return this.devices.getDevice(principal, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: DeviceDto })
  @ApiOperation({ summary: 'Revoke a device: its token stops working' })
  revokeDevice(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<DeviceDto> {
    return this.devices.revokeDevice(principal, id);
  }
}
