import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passportLocal from 'passport-local';
import type { UserEntity } from '../entities/user.entity.js';
import { MfaRequiredError, MfaService } from '../mfa/mfa.service.js';
import { AuthService } from './auth.service.js';

export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Email and password from the login body, checked against the argon2id hash. */
@Injectable()
export class LocalStrategy extends PassportStrategy(passportLocal.Strategy, 'local') {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MfaService) private readonly mfa: MfaService,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<UserEntity> {
    // LocalAuthGuard validated the body (LoginDto) already: mfaCode is absent or six digits.
    const raw = (req.body as { mfaCode?: unknown } | undefined)?.mfaCode;
    const code = typeof raw === 'string' ? raw : undefined;
    return this.auth.verifyCredentials(
      email,
      password,
      clientAddressOf(req),
      (user) => this.mfa.assertLoginCode(user, code),
      (error) => error instanceof MfaRequiredError,
    );
  }
}
