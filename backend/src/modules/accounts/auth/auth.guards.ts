import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { IS_PUBLIC_KEY } from '#src/common/auth/permissions.js';
import { API_TOKEN_STRATEGY } from '#src/common/auth/scopes.js';
import { DomainError, ForbiddenError, UnauthorizedError } from '#src/common/errors/domain-error.js';
import { ALLOW_PENDING_MFA_KEY, MFA_PENDING_PROPERTY } from '../mfa/mfa-policy.service.js';
import { createValidationPipe } from '#src/common/validation/validation.pipe.js';
import { LoginDto } from './auth.dto.js';

/** Passport reports failures in several shapes; clients see domain errors only. */
function settle<T>(error: unknown, user: T | false | null | undefined): T {
  if (error instanceof DomainError) throw error;
  if (error) throw error instanceof Error ? error : new UnauthorizedError();
  if (!user) throw new UnauthorizedError();
  return user;
}

/**
 * Global: every route needs a live access token (or an API token, whose strategy the api-tokens
 * module registers) unless marked @Public(). Puts the Principal on req.user; registered before the
 * PermissionsGuard so that one sees it (and checks an API token's scopes).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(['jwt', API_TOKEN_STRATEGY]) {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return this.activate(context);
  }

  private async activate(context: ExecutionContext): Promise<boolean> {
    const ok = (await super.canActivate(context)) as boolean;
    const req = context.switchToHttp().getRequest<Request & { [MFA_PENDING_PROPERTY]?: boolean }>();
    if (ok && req[MFA_PENDING_PROPERTY]) {
      const allowed = this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_MFA_KEY, [
        context.getHandler(),
        context.getClass(),
      ]);
      if (!allowed) {
        throw new ForbiddenError(
          'Your organization requires a second factor: set up an authenticator app or a passkey first.',
          'mfa-enrollment-required',
        );
      }
    }
    return ok;
  }

  override handleRequest<T>(error: unknown, user: T | false | null): T {
    return settle(error, user);
  }
}

export const LOGIN_USER_PROPERTY = 'loginUser' as const;

/** Login only: validates the body first (guards run before pipes), then the local strategy. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    req.body = (await this.pipe.transform(req.body ?? {}, {
      type: 'body',
      metatype: LoginDto,
    })) as LoginDto;
    return (await super.canActivate(context)) as boolean;
  }

  override getAuthenticateOptions() {
    return { session: false, property: LOGIN_USER_PROPERTY };
  }

  override handleRequest<T>(error: unknown, user: T | false | null): T {
    return settle(error, user);
  }
}
