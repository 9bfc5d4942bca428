import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The placeholder in the console's index.html (`<ctx-root ngCspNonce="…">`) the server fills in. */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Swagger UI's pages and assets; they get their own, looser policy. */
const DOCS_PATH = /^\/api\/docs(\/|$)/i;

type NonceLocals = { cspNonce?: string };

function nonceOf(res: Response): string {
  const locals = res.locals as NonceLocals;
  locals.cspNonce ??= randomBytes(16).toString('base64');
  return locals.cspNonce;
}

// No 'upgrade-insecure-requests' (helmet's default): embedded installs are reached over plain
// HTTP on the LAN, where it would break every asset.
const COMMON = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // blob: the console fetches screenshots with the Authorization header and shows them through
  // object URLs it makes itself (only this origin's script can create one).
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
};

/**
 * The console and every API answer. Angular adds <style> elements at run time and marks them with
 * the per-request nonce it reads from ngCspNonce, so styles need no 'unsafe-inline'; Angular and
 * the CDK set inline styles through CSSOM (element.style), which CSP does not restrict.
 */
const consolePolicy = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...COMMON,
      'style-src': ["'self'", (_req, res) => `'nonce-${nonceOf(res as Response)}'`],
    },
  },
});

/** Swagger UI ships an inline <style> block and styles by attribute; it runs no inline script. */
const docsPolicy = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...COMMON, 'style-src': ["'self'", "'unsafe-inline'"] },
  },
});

/** Helmet's headers with a strict Content-Security-Policy; replaces `helmet()` in createApp. */
export function securityHeaders(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    DOCS_PATH.test(req.path) ? docsPolicy(req, res, next) : consolePolicy(req, res, next);
}

/** The console's index.html with this answer's nonce, so Angular's styles match the policy. */
export async function sendConsoleIndex(
  res: Response,
  file: string,
  encode: (html: string) => Buffer | string = (html) => html,
): Promise<void> {
  const html = await readFile(file, 'utf8');
  res.type('html').send(encode(html.replaceAll(CSP_NONCE_PLACEHOLDER, nonceOf(res))));
}
