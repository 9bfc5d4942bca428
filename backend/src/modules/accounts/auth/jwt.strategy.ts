import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passportJwt from 'passport-jwt';
import type { Principal } from '#src/common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import type { Request } from 'express';
import { MFA_PENDING_PROPERTY, MfaPolicyService } from '../mfa/mfa-policy.service.js';
import { AuthService } from './auth.service.js';
import { JWT_ALGORITHM, type AccessTokenPayload } from './token.service.js';

/** Bearer access tokens: HS256 only (alg "none" and every other algorithm are refused). */
@Injectable()
export class JwtStrategy extends PassportStrategy(passportJwt.Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MfaPolicyService) private readonly mfaPolicy: MfaPolicyService,
  ) {
    super({
      jwtFromRequest: passportJwt.ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the text, jsonwebtoken first tries it as a public key on every
      // request and builds an exception before taking it as a secret. passport-jwt hands it on
      // untouched; its types only name text and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: Request, payload: AccessTokenPayload): Promise<Principal> {
    const principal = await this.auth.principalFor(payload);
    // The guard lets such a caller reach only the routes marked @AllowPendingMfa().
    if (await this.mfaPolicy.enrollmentPending(principal)) {
      (req as Request & { [MFA_PENDING_PROPERTY]?: boolean })[MFA_PENDING_PROPERTY] = true;
    }
    return principal;
  }
}
