import type { CookieOptions, Request, Response } from 'express';
import { ForbiddenError } from '#src/common/errors/domain-error.js';
import type { TokensDto } from './auth.dto.js';

/** The console's refresh token: HttpOnly, so no script (and no XSS) ever reads it. */
export const REFRESH_COOKIE = 'ctx_refresh';

/**
 * Readable by script and holding nothing secret: tells the console a refresh cookie may be there,
 * so a signed-out visit does not send a refresh bound to fail (a 401 in every browser console).
 */
export const SESSION_HINT_COOKIE = 'ctx_session';

/** Only the refresh endpoint receives it; logout (bearer) clears it. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';

/**
 * Sign-in answers put the refresh token in this cookie unless the client asks for it in the body
 * with `X-Refresh-Token-Delivery: body` (API and CLI clients that keep their own secrets).
 */
export const DELIVERY_HEADER = 'x-refresh-token-delivery';

/** Required on a cookie-authenticated refresh; a cross-site page cannot send it without CORS. */
export const CSRF_HEADER = 'x-csrf';

/** Whether the browser holds the session hint, i.e. the console will start signed in. */
export function hasSessionHint(req: Request): boolean {
  return SESSION_HINT_IN_COOKIES.test(req.headers.cookie ?? '');
}

const SESSION_HINT_IN_COOKIES = new RegExp(`(?:^|;\\s*)${SESSION_HINT_COOKIE}=`);

export function wantsBodyDelivery(req: Request): boolean {
  return req.header(DELIVERY_HEADER)?.trim().toLowerCase() === 'body';
}

function options(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    // req.secure honours `trust proxy`, so TLS ended at the proxy still marks the cookie Secure.
    secure: req.secure,
    path: REFRESH_COOKIE_PATH,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}

/**
 * Delivers the pair: with cookie delivery the refresh token goes into the cookie and out of the
 * body, so the console never holds it in script.
 */
export function deliverTokens<T extends TokensDto>(
  req: Request,
  res: Response,
  tokens: T,
  refreshTtlDays: number,
  delivery: 'cookie' | 'body',
): T {
  if (delivery === 'body') return tokens;
  const maxAge = refreshTtlDays * 86_400_000;
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, options(req, maxAge));
  res.cookie(SESSION_HINT_COOKIE, '1', hintOptions(req, maxAge));
  const { refreshToken: _inCookie, ...rest } = tokens;
  return rest as T;
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, options(req));
  res.clearCookie(SESSION_HINT_COOKIE, hintOptions(req));
}

function hintOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return { ...options(req, maxAgeMs), httpOnly: false, path: '/' };
}

/** The refresh cookie's value, or null; parsed by hand as nothing else reads cookies. */
export function refreshCookieOf(req: Request): string | null {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * CSRF defence where the cookie authenticates. SameSite=Strict already keeps the cookie off
 * cross-site requests; on top, the request must carry X-CSRF (a custom header forces a CORS
 * preflight, which this server never grants) and, when the browser names an Origin, it must be
 * this server's own.
 */
export function assertSameOriginRequest(req: Request, publicUrl?: string): void {
  if (!req.header(CSRF_HEADER)) {
    throw new ForbiddenError('A cookie-authenticated request must send the X-CSRF header.', 'csrf');
  }
  const origin = req.header('origin');
  // The server's own origin as the request shows it, or as PUBLIC_URL names it (a proxy that drops
  // a non-default port from Host would otherwise refuse every console refresh).
  const own = [`${req.protocol}://${req.host}`, ...(publicUrl ? [originOf(publicUrl)] : [])];
  if (origin !== undefined && !own.includes(origin)) {
    throw new ForbiddenError('The request comes from another origin.', 'csrf');
  }
  if (req.header('sec-fetch-site') === 'cross-site') {
    throw new ForbiddenError('The request comes from another site.', 'csrf');
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
