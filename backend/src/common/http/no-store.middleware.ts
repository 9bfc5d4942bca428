import type { NextFunction, Request, Response } from 'express';

const API_PATH = /^\/(api\/v1|scim)(\/|$)/i; // Express routes match case-insensitively

/**
 * Every answer under /api/v1 is personal or account data, errors included: `no-store` keeps it out
 * of browser and proxy caches. Set before the handler runs, so a route with a stricter or more
 * precise policy (downloads send `private, no-store`) overrides it.
 */
export function noStoreMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (API_PATH.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
