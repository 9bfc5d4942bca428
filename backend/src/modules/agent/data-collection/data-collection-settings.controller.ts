import { Body, Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { DataCollectionSettingsService } from './data-collection-settings.service.js';
import {
  DataCollectionSettingsDto,
  UpdateDataCollectionSettingsDto,
} from './dto/data-collection-settings.dto.js';

@ApiTags('settings')
@ApiBearerAuth()
@RequirePermissions('organization:manage')
@Controller('settings/data-collection')
export class DataCollectionSettingsController {
  constructor(
    @Inject(DataCollectionSettingsService) private readonly settings: DataCollectionSettingsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: DataCollectionSettingsDto })
  @ApiOperation({ summary: 'What the agents collect' })
  getDataCollectionSettings(
    @CurrentPrincipal() principal: Principal,
  ): Promise<DataCollectionSettingsDto> {
    return this.settings.getSettings(principal.organizationId);
  }

  @Patch()
  @ApiOkResponse({ type: DataCollectionSettingsDto })
  @ApiOperation({ summary: 'Change what the agents collect' })
  updateDataCollectionSettings(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateDataCollectionSettingsDto,
  ): Promise<DataCollectionSettingsDto> {
    return this.settings.updateSettings(principal.organizationId, body);
  }
}
