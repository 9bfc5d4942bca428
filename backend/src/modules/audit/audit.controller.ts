import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '../../common/auth/principal.js';
import { PageQueryDto } from '../../common/validation/common.dto.js';
import {
  AuditPageDto,
  AuditQueryDto,
  AuditVerificationDto,
  DataViewPageDto,
  toAuditEntryDto,
} from './audit.dto.js';
import { AuditService } from './audit.service.js';
import { DataViewsService } from './data-views.service.js';
import { RequireScopes } from '../../common/auth/scopes.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DataViewsService) private readonly views: DataViewsService,
  ) {}

  @Get('audit')
  @RequireScopes('audit:read')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'The organization’s audit log, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  async listAuditEntries(
    @CurrentPrincipal() p: Principal,
    @Query() q: AuditQueryDto,
  ): Promise<AuditPageDto> {
    const { page, pageSize, action, subjectEmployeeId, actorUserId } = q;
    const filter = {
      ...(action ? { action } : {}),
      ...(subjectEmployeeId ? { subjectEmployeeId } : {}),
      ...(actorUserId ? { actorUserId } : {}),
    };
    const result = await this.audit.list(p.organizationId, filter, { page, pageSize });
    return { ...result, items: result.items.map(toAuditEntryDto) };
  }

  @Get('audit/verify')
  @RequireScopes('audit:read')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'Recomputes the hash chain and reports the first broken entry' })
  @ApiOkResponse({ type: AuditVerificationDto })
  verifyAuditChain(@CurrentPrincipal() p: Principal): Promise<AuditVerificationDto> {
    return this.audit.verify(p.organizationId);
  }

  @Get('me/data-views')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'Who viewed my data: views of my reports and timeline by others' })
  @ApiOkResponse({ type: DataViewPageDto })
  listMyDataViews(
    @CurrentPrincipal() p: Principal,
    @Query() q: PageQueryDto,
  ): Promise<DataViewPageDto> {
    return this.views.forPrincipal(p, q);
  }
}
