import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { PageQueryDto, UuidParamDto } from '#src/common/validation/common.dto.js';
import { CreateExportDto, ExportDto, ExportListDto } from './dto/export.dto.js';
import { ExportsService } from './exports.service.js';
import { RequireScopes } from '#src/common/auth/scopes.js';

@ApiTags('exports')
@ApiBearerAuth()
@RequireScopes('exports:run')
@Controller('exports')
export class ExportsController {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions('reports:read')
  @ApiAcceptedResponse({ type: ExportDto })
  @ApiOperation({ summary: 'Start an export of report data' })
  createExport(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateExportDto,
  ): Promise<ExportDto> {
    return this.exports.create(principal, dto);
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOkResponse({ type: ExportListDto })
  @ApiOperation({ summary: 'List exports, newest first' })
  listExports(
    @CurrentPrincipal() principal: Principal,
    @Query() page: PageQueryDto,
  ): Promise<ExportListDto> {
    return this.exports.list(principal, page);
  }

  @Get(':id')
  @RequirePermissions('reports:read')
  @ApiOkResponse({ type: ExportDto })
  @ApiOperation({ summary: 'One export and its status' })
  getExport(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<ExportDto> {
    return this.exports.get(principal, id);
  }

  @Get(':id/file')
  @RequirePermissions('reports:read')
  @ApiProduces(
    'text/csv',
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({ summary: 'Download a finished export’s file' })
  async downloadExport(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.open(principal, id);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.size,
    });
  }
}
