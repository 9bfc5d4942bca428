import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '../../common/auth/principal.js';
import { AttendanceService } from './attendance.service.js';
import { AttendanceDto, AttendanceQueryDto } from './dto/attendance.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
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
}
