import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '#src/common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import type { Role } from '#src/common/auth/roles.js';

/** The claims of an access token. */
export interface AccessTokenPayload {
  sub: string;
  org: string;
  role: Role;
  emp: string | null;
  sid: string;
  typ: 'access';
  iat?: number;
  exp?: number;
}

export const JWT_ALGORITHM = 'HS256';
const CLOCK_SKEW_SECONDS = 60;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Signs short-lived access tokens; makes opaque secrets (refresh, invitation) and their hashes. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.jwt = new JwtService({
      secret: config.auth.jwtSecret,
      signOptions: { algorithm: JWT_ALGORITHM, expiresIn: config.auth.accessTokenTtlSeconds },
      verifyOptions: { algorithms: [JWT_ALGORITHM] },
    });
  }

  get accessTokenTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  signAccess(principal: Principal): string {
    const payload: AccessTokenPayload = {
      sub: principal.userId,
      org: principal.organizationId,
      role: principal.role,
      emp: principal.employeeId,
      sid: principal.sessionId,
      typ: 'access',
    };
    return this.jwt.sign(payload);
  }

  /**
   * jsonwebtoken accepts a token without `exp` forever, so the claims are checked here: `iat` and
   * `exp` present, issued no later than now (a minute of clock skew) and living no longer than
   * access tokens are issued for.
   */
  hasSaneLifetime(payload: { iat?: unknown; exp?: unknown }, now: Date): boolean {
    const { iat, exp } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number') return false;
    if (!Number.isFinite(iat) || !Number.isFinite(exp)) return false;
    const nowSeconds = now.getTime() / 1000;
    return (
      iat <= nowSeconds + CLOCK_SKEW_SECONDS &&
      exp > iat &&
      exp - iat <= this.config.auth.accessTokenTtlSeconds
    );
  }

  /** A random secret for a link or a refresh token, and the SHA-256 under which it is stored. */
  opaque(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: sha256(token) };
  }
}
