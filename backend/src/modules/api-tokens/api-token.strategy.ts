import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import type { Principal } from '#src/common/auth/principal.js';
import { API_TOKEN_STRATEGY } from '#src/common/auth/scopes.js';
import { looksLikeApiToken } from './api-token-secrets.js';
import { ApiTokensService } from './api-tokens.service.js';

type Verify = (
  req: Request,
  token: string,
  done: (error: unknown, user?: Principal | false) => void,
) => void;

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** `Authorization: Bearer ctx_pat_…|ctx_svc_…`; anything else is left to the other strategies. */
class BearerApiTokenStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    const token = bearer(req.headers.authorization);
    if (!token || !looksLikeApiToken(token)) return this.fail(401);
    this.verify(req, token, (error, user) => {
      if (error) return this.error(error as Error);
      if (!user) return this.fail(401);
      this.success(user);
    });
  }
}

@Injectable()
export class ApiTokenStrategy extends PassportStrategy(BearerApiTokenStrategy, API_TOKEN_STRATEGY) {
  constructor(@Inject(ApiTokensService) private readonly tokens: ApiTokensService) {
    super();
  }

  validate(req: Request, token: string): Promise<Principal> {
    return this.tokens.authenticate(token, req);
  }
}
