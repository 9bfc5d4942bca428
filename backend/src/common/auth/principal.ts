import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles.js';
import type { ApiTokenScope } from './scopes.js';
import { UnauthorizedError } from '../errors/domain-error.js';

/** Who is calling, as established by the access token. */
export interface Principal {
  userId: string;
  organizationId: string;
  role: Role;
  /** The tracked person linked to this login, if any. */
  employeeId: string | null;
  sessionId: string;
  /** Set when the caller authenticated with an API token instead of a sign-in. */
  apiToken?: ApiTokenPrincipal;
}

export interface ApiTokenPrincipal {
  id: string;
  kind: 'personal' | 'service';
  scopes: ApiTokenScope[];
}

export type RequestWithPrincipal = Request & { user?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().user;
    if (!principal) throw new UnauthorizedError();
    return principal;
  },
);
