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
      secretOrKey: config.auth.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<Principal> {
    return this.auth.principalFor(payload);
  }
}
