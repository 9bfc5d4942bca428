import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticatesDevices } from '#src/common/auth/device-guard-marker.js';
import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { DeviceAuthService } from './device-auth.service.js';
import type { DeviceSession } from './devices.repository.js';

export type RequestWithDevice = Request & { device?: DeviceSession };

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Agent routes: the bearer is a device token. Pair with @Public() so no user token is asked for. */
@AuthenticatesDevices()
@Injectable()
export class DeviceAuthGuard implements CanActivate {
  constructor(@Inject(DeviceAuthService) private readonly auth: DeviceAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithDevice>();
    req.device = await this.auth.authenticate(bearer(req.headers.authorization), req.ip ?? null);
    return true;
  }
}

export const CurrentDevice = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): DeviceSession => {
    const device = ctx.switchToHttp().getRequest<RequestWithDevice>().device;
    if (!device) throw new UnauthorizedError();
    return device;
  },
);
