import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto, type Page } from '#src/common/validation/common.dto.js';
import { UserDto } from '../dto/user.dto.js';
import { UpdateUserDto, UserListQueryDto, UserPageDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@RequirePermissions('users:manage')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({ summary: 'List the organization’s users' })
  listUsers(
    @CurrentPrincipal() p: Principal,
    @Query() query: UserListQueryDto,
  ): Promise<Page<UserDto>> {
    return this.users.list(p, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'One user' })
  getUser(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<UserDto> {
    return this.users.get(p, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Own role, or an owner change by a non-owner.' })
  @ApiOperation({ summary: 'Change a user’s role' })
  updateUser(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(p, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({
    type: UserDto,
    description: "Deactivated; the user's tokens answer 401 at once.",
  })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Deactivate a user and end their sessions' })
  deactivateUser(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<UserDto> {
    return this.users.deactivate(p, id);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Every session of the user is revoked; their tokens answer 401.',
  })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Revoke all sessions of a user' })
  revokeUserSessions(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    return this.users.revokeSessions(p, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Reactivate a user' })
  activateUser(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<UserDto> {
    return this.users.activate(p, id);
  }
}
