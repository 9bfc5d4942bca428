import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../errors/domain-error.js';
import { IS_PUBLIC_KEY, PERMISSIONS_KEY, roleHas, type Permission } from './permissions.js';
import type { RequestWithPrincipal } from './principal.js';

/** Runs after authentication: the route's declared permissions against the caller's role. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Permission[]>(PERMISSIONS_KEY, targets) ?? [];
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().user;
    if (!principal) return false;
    if (needed.every((p) => roleHas(principal.role, p))) return true;
    throw new ForbiddenError();
  }
}
