import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#src/common/auth/permissions.js';
import {
  PasswordResetAcceptedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './password-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(@Inject(PasswordResetService) private readonly passwordReset: PasswordResetService) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiOperation({ summary: 'Mail a password-reset link' })
  async requestPasswordReset(
    @Body() dto: PasswordResetRequestDto,
  ): Promise<PasswordResetAcceptedDto> {
    await this.passwordReset.request(dto.email);
    return { status: 'accepted' };
  }

  @Post('confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset token' })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.passwordReset.confirm(dto.token, dto.password);
  }
}
