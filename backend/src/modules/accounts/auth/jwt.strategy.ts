import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passportJwt from 'passport-jwt';
import type { Principal } from '../../../common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { AuthService } from './auth.service.js';
import { JWT_ALGORITHM, type AccessTokenPayload } from './token.service.js';

/** Bearer access tokens: HS256 only (alg "none" and every other algorithm are refused). */
@Injectable()
export class JwtStrategy extends PassportStrategy(passportJwt.Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: passportJwt.ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the text, jsonwebtoken first tries it as a public key on every
      // request and builds an exception before taking it as a secret. passport-jwt hands it on
      // untouched; its types only name text and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<Principal> {
    return this.auth.principalFor(payload);
  }
}
