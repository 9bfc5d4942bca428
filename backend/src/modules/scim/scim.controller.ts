import {
  Body,
  type CallHandler,
  type CanActivate,
  Controller,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  type NestInterceptor,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import {
  CurrentPrincipal,
  type Principal,
  type RequestWithPrincipal,
} from '#src/common/auth/principal.js';
import { RequireScopes } from '#src/common/auth/scopes.js';
import { SCIM_CONTENT_TYPE, ScimError, ScimExceptionFilter } from './scim-errors.js';
import { readListQuery } from './scim-filter.js';
import { listResponse, resourceTypes, schemas, serviceProviderConfig } from './scim-schemas.js';
import { ScimService } from './scim.service.js';

export const SCIM_PATH = 'scim/v2';

/** Only a service API token with scim:provision: a person's sign-in cannot provision. */
@Injectable()
export class ScimTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const token = context.switchToHttp().getRequest<RequestWithPrincipal>().user?.apiToken;
    if (token?.kind === 'service' && token.scopes.includes('scim:provision')) return true;
    throw new ScimError(403, 'SCIM needs a service API token with the scope scim:provision.');
  }
}

@Injectable()
export class ScimContentType implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().type(SCIM_CONTENT_TYPE);
    return next.handle();
  }
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/${SCIM_PATH}`;
}

const listQuery = (q: unknown) => readListQuery((q ?? {}) as Record<string, unknown>);

function excludesMembers(q: unknown): boolean {
  const excluded = (q as { excludedAttributes?: unknown } | null)?.excludedAttributes;
  return typeof excluded === 'string' && /(^|,)\s*members\s*(,|$)/i.test(excluded);
}

/** SCIM 2.0 (RFC 7643/7644) for Entra ID, Okta and other identity providers. */
@ApiExcludeController()
@RequireScopes('scim:provision')
@RequirePermissions('users:manage', 'employees:manage', 'teams:manage')
@UseGuards(ScimTokenGuard)
@UseFilters(ScimExceptionFilter)
@UseInterceptors(ScimContentType)
@Controller(SCIM_PATH)
export class ScimController {
  constructor(@Inject(ScimService) private readonly scim: ScimService) {}

  @Get('ServiceProviderConfig')
  scimServiceProviderConfig(@Req() req: Request) {
    return serviceProviderConfig(baseUrl(req));
  }

  @Get('ResourceTypes')
  scimResourceTypes(@Req() req: Request) {
    const types = resourceTypes(baseUrl(req));
    return listResponse(types, types.length, 1);
  }

  @Get('ResourceTypes/:name')
  scimResourceType(@Req() req: Request, @Param('name') name: string) {
    const found = resourceTypes(baseUrl(req)).find((t) => t.id === name);
    if (!found) throw new ScimError(404, 'ResourceType not found.');
    return found;
  }

  @Get('Schemas')
  scimSchemas(@Req() req: Request) {
    const all = schemas(baseUrl(req));
    return listResponse(all, all.length, 1);
  }

  @Get('Schemas/:id')
  scimSchema(@Req() req: Request, @Param('id') id: string) {
    const found = schemas(baseUrl(req)).find((s) => s.id === id);
    if (!found) throw new ScimError(404, 'Schema not found.');
    return found;
  }

  @Get('Users')
  scimListUsers(@CurrentPrincipal() p: Principal, @Query() q: unknown, @Req() req: Request) {
    return this.scim.listUsers(p, listQuery(q), baseUrl(req));
  }

  @Post('Users')
  @HttpCode(201)
  scimCreateUser(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Req() req: Request) {
    return this.scim.createUser(p, body, baseUrl(req));
  }

  @Get('Users/:id')
  scimGetUser(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Req() req: Request) {
    return this.scim.getUser(p, id, baseUrl(req));
  }

  @Put('Users/:id')
  scimReplaceUser(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    return this.scim.replaceUser(p, id, body, baseUrl(req));
  }

  @Patch('Users/:id')
  scimPatchUser(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    return this.scim.patchUser(p, id, body, baseUrl(req));
  }

  @Delete('Users/:id')
  @HttpCode(204)
  async scimDeleteUser(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.scim.deleteUser(p, id);
  }

  @Get('Groups')
  scimListGroups(@CurrentPrincipal() p: Principal, @Query() q: unknown, @Req() req: Request) {
    return this.scim.listGroups(p, listQuery(q), baseUrl(req), excludesMembers(q));
  }

  @Post('Groups')
  @HttpCode(201)
  scimCreateGroup(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Req() req: Request) {
    return this.scim.createGroup(p, body, baseUrl(req));
  }

  @Get('Groups/:id')
  async scimGetGroup(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query() q: unknown,
    @Req() req: Request,
  ) {
    const group = await this.scim.getGroup(p, id, baseUrl(req));
    return excludesMembers(q) ? { ...group, members: undefined } : group;
  }

  @Put('Groups/:id')
  scimReplaceGroup(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    return this.scim.replaceGroup(p, id, body, baseUrl(req));
  }

  @Patch('Groups/:id')
  scimPatchGroup(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    return this.scim.patchGroup(p, id, body, baseUrl(req));
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  async scimDeleteGroup(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.scim.deleteGroup(p, id);
  }
}
