import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  DayRangeQueryDto,
  SummaryDto,
  SummaryQueryDto,
  TeamComparisonDto,
  TimelineDto,
  TimelineQueryDto,
  TrendDto,
  TrendQueryDto,
  UsageDto,
  UsageQueryDto,
} from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

const SCOPE =
  'Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.';

@ApiTags('reports')
@ApiBearerAuth()
@RequireScopes('reports:read')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('summary')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Active, idle and productivity seconds per employee over local days [from, to]',
    description: `Days are counted in each employee’s zone; spans crossing midnight are split. ${SCOPE}`,
  })
  @ApiOkResponse({ type: SummaryDto })
  getReportSummary(
    @CurrentPrincipal() p: Principal,
    @Query() q: SummaryQueryDto,
  ): Promise<SummaryDto> {
    return this.reports.summary(p, q);
  }

  @Get('teams')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Active, idle and productivity seconds per team over local days [from, to]',
    description: `Each team’s row is the sum of its people’s summary rows. ${SCOPE}`,
  })
  @ApiOkResponse({ type: TeamComparisonDto })
  getReportTeams(
    @CurrentPrincipal() p: Principal,
    @Query() q: DayRangeQueryDto,
  ): Promise<TeamComparisonDto> {
    return this.reports.teams(p, q);
  }

  @Get('trend')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Active, idle and productivity seconds per local day [from, to] (at most 93 days)',
    description: `Each day is the sum of that day’s summary rows of the employees in scope (employeeId, teamId). ${SCOPE}`,
  })
  @ApiOkResponse({ type: TrendDto })
  getReportTrend(@CurrentPrincipal() p: Principal, @Query() q: TrendQueryDto): Promise<TrendDto> {
    return this.reports.trend(p, q);
  }

  @Get('usage')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Active seconds by application and by site', description: SCOPE })
  @ApiOkResponse({ type: UsageDto })
  getReportUsage(@CurrentPrincipal() p: Principal, @Query() q: UsageQueryDto): Promise<UsageDto> {
    return this.reports.usage(p, q);
  }

  @Get('timeline')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'One employee’s local day as merged spans', description: SCOPE })
  @ApiOkResponse({ type: TimelineDto })
  getReportTimeline(
    @CurrentPrincipal() p: Principal,
    @Query() q: TimelineQueryDto,
  ): Promise<TimelineDto> {
    return this.reports.timeline(p, q);
  }
}
