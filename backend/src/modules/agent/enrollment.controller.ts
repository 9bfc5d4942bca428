import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { EnrollDto, EnrolledDeviceDto } from './dto/enroll.dto.js';
import {
  CreateEnrollmentTokenDto,
  EnrollmentTokenCreatedDto,
  EnrollmentTokenDto,
  EnrollmentTokenListDto,
} from './dto/enrollment-token.dto.js';
import { EnrollmentService } from './enrollment.service.js';

@ApiTags('agent')
@Controller('agent')
export class EnrollmentController {
  constructor(@Inject(EnrollmentService) private readonly enrollment: EnrollmentService) {}

  @Post('enrollment-tokens')
  @ApiBearerAuth()
  @RequirePermissions('devices:manage')
  @ApiOperation({ summary: 'Create a token that enrolls agents into this organization' })
  @ApiCreatedResponse({ type: EnrollmentTokenCreatedDto })
  createEnrollmentToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateEnrollmentTokenDto,
  ): Promise<EnrollmentTokenCreatedDto> {
    return this.enrollment.createToken(principal, body);
  }

  @Get('enrollment-tokens')
  @ApiBearerAuth()
  @RequirePermissions('devices:manage')
  @ApiOkResponse({ type: EnrollmentTokenListDto })
  @ApiOperation({ summary: 'List enrollment tokens' })
  async listEnrollmentTokens(
    @CurrentPrincipal() principal: Principal,
  ): Promise<EnrollmentTokenListDto> {
    return { items: await this.enrollment.listTokens(principal) };
  }

  @Post('enrollment-tokens/:id/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermissions('devices:manage')
  @ApiOkResponse({ type: EnrollmentTokenDto })
  @ApiOperation({ summary: 'Revoke an enrollment token' })
  revokeEnrollmentToken(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<EnrollmentTokenDto> {
    return this.enrollment.revokeToken(principal, id);
  }

  @Public()
  @Post('enroll')
  @ApiOperation({
    summary:
      'Enroll a workstation for an employee (no user token; the enrollment token authorizes)',
  })
  @ApiCreatedResponse({ type: EnrolledDeviceDto })
  enrollDevice(@Body() body: EnrollDto, @Req() req: Request): Promise<EnrolledDeviceDto> {
    return this.enrollment.enroll(body, req.ip ?? null);
  }
}
