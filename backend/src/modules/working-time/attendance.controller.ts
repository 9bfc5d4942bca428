import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { AttendanceService } from './attendance.service.js';
import {
  AttendanceDto,
  AttendanceQueryDto,
  AttendanceTotalsDto,
  AttendanceTotalsQueryDto,
} from './dto/attendance.dto.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('reports')
@ApiBearerAuth()
@RequireScopes('attendance:read')
@Controller('reports')
export class AttendanceController {
  constructor(@Inject(AttendanceService) private readonly attendance: AttendanceService) {}

  @Get('attendance')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Attendance per active employee and local day against their work schedule',
    description:
      'Rows sorted by employee then date; days after the employee’s local today are left out. Paged by limit; a response without nextCursor is complete. Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.',
  })
  @ApiOkResponse({ type: AttendanceDto })
  getReportAttendance(
    @CurrentPrincipal() p: Principal,
    @Query() q: AttendanceQueryDto,
  ): Promise<AttendanceDto> {
    return this.attendance.attendance(p, q);
  }

  @Get('attendance/totals')
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'Attendance totals and overtime balance per active employee over a range of days',
    description:
      'Each employee’s attendance rows of the range (the same rows as GET /reports/attendance) summed: scheduled, worked and overtime seconds, the balance worked − scheduled, and days by status. One item per active employee in scope, sorted by employee id; paged by limit (employees), a response without nextCursor is complete. Scoped like the attendance report.',
  })
  @ApiOkResponse({ type: AttendanceTotalsDto })
  getReportAttendanceTotals(
    @CurrentPrincipal() p: Principal,
    @Query() q: AttendanceTotalsQueryDto,
  ): Promise<AttendanceTotalsDto> {
    return this.attendance.totals(p, q);
  }
}
