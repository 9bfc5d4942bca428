import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreateHolidayDto,
  HolidayCountriesQueryDto,
  HolidayCountryListDto,
  HolidayDto,
  HolidayListDto,
  HolidayListQueryDto,
  ImportHolidaysDto,
  ImportHolidaysResultDto,
} from './dto/holiday.dto.js';
import { HolidaysService } from './holidays.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('working-time')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(@Inject(HolidaysService) private readonly holidays: HolidaysService) {}

  @Post()
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Add a holiday (owner, admin, hr)',
    description: 'A non-working day for everyone, on that date of each employee’s own calendar.',
  })
  @ApiCreatedResponse({ type: HolidayDto })
  @ApiConflictResponse({ description: 'A holiday on this date exists.' })
  createHoliday(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateHolidayDto,
  ): Promise<HolidayDto> {
    return this.holidays.create(p, body);
  }

  @Post('import')
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Import a year of public holidays of a country (owner, admin, hr)',
    description:
      'From the date-holidays data package: the days off by law of the country (and region), in the language asked for. Dates already in the calendar are skipped and listed.',
  })
  @ApiCreatedResponse({ type: ImportHolidaysResultDto })
  importPublicHolidays(
    @CurrentPrincipal() p: Principal,
    @Body() body: ImportHolidaysDto,
  ): Promise<ImportHolidaysResultDto> {
    return this.holidays.importPublic(p, body);
  }

  @Get('countries')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Countries and regions whose public holidays can be imported' })
  @ApiOkResponse({ type: HolidayCountryListDto })
  listHolidayCountries(@Query() q: HolidayCountriesQueryDto): HolidayCountryListDto {
    return { items: this.holidays.countries(q.language ?? 'en') };
  }

  @Get()
  @RequireScopes('attendance:read')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'List holidays, optionally of one year' })
  @ApiOkResponse({ type: HolidayListDto })
  async listHolidays(
    @CurrentPrincipal() p: Principal,
    @Query() q: HolidayListQueryDto,
  ): Promise<HolidayListDto> {
    return { items: await this.holidays.list(p, q.year) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete a holiday (owner, admin, hr)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async deleteHoliday(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.holidays.delete(p, id);
  }
}
