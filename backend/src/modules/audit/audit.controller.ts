import { Controller, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import {
  AuditExportQueryDto,
  AuditPageDto,
  AuditQueryDto,
  AuditVerificationDto,
  DataViewPageDto,
} from './audit.dto.js';
import { AUDIT_EXPORT_MAX_ROWS, AuditLogService } from './audit-log.service.js';
import { AuditService } from './audit.service.js';
import { DataViewsService } from './data-views.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuditLogService) private readonly log: AuditLogService,
    @Inject(DataViewsService) private readonly views: DataViewsService,
  ) {}

  @Get('audit')
  @RequireScopes('audit:read')
  @RequirePermissions('audit:read')
  @ApiOperation({
    summary: 'The organization’s audit log, newest first, with the names of who and whose',
  })
  @ApiOkResponse({ type: AuditPageDto })
  listAuditEntries(
    @CurrentPrincipal() p: Principal,
    @Query() q: AuditQueryDto,
  ): Promise<AuditPageDto> {
    return this.log.list(p, q);
  }

  @Get('audit/export.csv')
  @RequireScopes('audit:read')
  @RequirePermissions('audit:read')
  @ApiOperation({
    summary: `The audit log as CSV in the reader's language (same filters, newest first, at most ${AUDIT_EXPORT_MAX_ROWS} rows; X-Truncated: true when more matched); the export is audited`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one entry per row, with a header row.' })
  async exportAuditEntries(
    @CurrentPrincipal() p: Principal,
    @Query() q: AuditExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const csv = await this.log.exportCsv(p, q);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Truncated', String(csv.truncated));
    return new StreamableFile(csv.stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csv.fileName}"`,
    });
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
