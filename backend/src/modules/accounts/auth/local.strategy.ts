import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passportLocal from 'passport-local';
import type { UserEntity } from '../entities/user.entity.js';
import { MfaRequiredError, MfaService } from '../mfa/mfa.service.js';
import type { FactorMethod } from '../mfa/mfa-policy.service.js';
import { AuthService } from './auth.service.js';

/** Where the local strategy leaves the second factor the login proved (null: none). */
export const LOGIN_FACTOR_PROPERTY = 'loginFactor' as const;

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
    const body = (req.body ?? {}) as { mfaCode?: unknown; recoveryCode?: unknown };
    const code = typeof body.mfaCode === 'string' ? body.mfaCode : undefined;
    const recoveryCode = typeof body.recoveryCode === 'string' ? body.recoveryCode : undefined;
    return this.auth.verifyCredentials(
      email,
      password,
      clientAddressOf(req),
      async (user) => {
        const method = await this.mfa.assertLoginFactor(user, { code, recoveryCode });
        (req as Request & { [LOGIN_FACTOR_PROPERTY]?: FactorMethod | null })[
          LOGIN_FACTOR_PROPERTY
        ] = method;
      },
      (error) => error instanceof MfaRequiredError,
    );
  }
}
