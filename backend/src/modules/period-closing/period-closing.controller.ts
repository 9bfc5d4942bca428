import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  MonthParamDto,
  PeriodDto,
  PeriodListDto,
  PeriodListQueryDto,
  UnlockPeriodDto,
} from './dto/period.dto.js';
import { PeriodClosingService } from './period-closing.service.js';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodClosingController {
  constructor(@Inject(PeriodClosingService) private readonly periods: PeriodClosingService) {}

  @Get()
  @RequirePermissions('employees:read')
  @ApiOperation({ summary: 'The months of a year and whether each is locked' })
  @ApiOkResponse({ type: PeriodListDto })
  async listPeriods(
    @CurrentPrincipal() p: Principal,
    @Query() q: PeriodListQueryDto,
  ): Promise<PeriodListDto> {
    return { items: await this.periods.list(p, q.year) };
  }

  @Post(':month/lock')
  @HttpCode(200)
  @RequirePermissions('employees:manage')
  @ApiOperation({
    summary: 'Lock a month (owner, admin, hr)',
    description:
      'Freezes the month’s attendance and summary figures as they are now; afterwards nothing may change hours in it (409 period-locked).',
  })
  @ApiOkResponse({ type: PeriodDto })
  @ApiBadRequestResponse({ description: 'Not a month as YYYY-MM.' })
  @ApiConflictResponse({ description: 'Already locked, or not over yet.' })
  lockPeriod(
    @CurrentPrincipal() p: Principal,
    @Param() { month }: MonthParamDto,
  ): Promise<PeriodDto> {
    return this.periods.lock(p, month);
  }

  @Post(':month/unlock')
  @HttpCode(200)
  @RequirePermissions('organization:manage')
  @ApiOperation({
    summary: 'Unlock a month with a reason (owner, admin)',
    description: 'The frozen figures are dropped; the reason is kept in the audit log.',
  })
  @ApiOkResponse({ type: PeriodDto })
  @ApiBadRequestResponse({ description: 'No reason, or not a month.' })
  @ApiConflictResponse({ description: 'The month is not locked.' })
  unlockPeriod(
    @CurrentPrincipal() p: Principal,
    @Param() { month }: MonthParamDto,
    @Body() body: UnlockPeriodDto,
  ): Promise<PeriodDto> {
    return this.periods.unlock(p, month, body.reason);
  }
}
