import { Body, Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UserDto } from '../dto/user.dto.js';
import { AllowPendingMfa } from '../mfa/mfa-policy.service.js';
import { ChangePasswordDto, UpdateProfileDto } from './users.dto.js';
import { UsersService } from './users.service.js';

/** The caller's own profile: every role may read and edit it. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @AllowPendingMfa()
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({ summary: 'My profile' })
  getProfile(@CurrentPrincipal() p: Principal): Promise<UserDto> {
    return this.users.getProfile(p);
  }

  @Patch()
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The email belongs to another user.' })
  @ApiOperation({ summary: 'Change my profile' })
  updateProfile(@CurrentPrincipal() p: Principal, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.users.updateProfile(p, dto);
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every other session is signed out.' })
  @ApiOperation({ summary: 'Change my password' })
  changePassword(@CurrentPrincipal() p: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changePassword(p, dto);
  }
}
