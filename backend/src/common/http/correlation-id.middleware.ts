import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { logger, requestContext, type RequestContext } from '../logging/logger.js';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,128}$/;

/** Echoes a sane X-Request-Id (or makes one) and logs each request once when it ends. */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', correlationId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const route = (req.route as { path?: string } | undefined)?.path;
    logger.info(
      {
        correlationId,
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : undefined,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });
  const context: RequestContext = {
    correlationId,
    clientAddress: (req.ip ?? '').slice(0, 64) || null,
  };
  res.locals.requestContext = context;
  requestContext.run(context, next);
}

/**
 * Enters the request's context again after the body parsers, should one of them call on from a
 * callback outside it (log lines and audit addresses depend on it). Mounted after them.
 */
export function reenterRequestContext(_req: Request, res: Response, next: NextFunction): void {
  const context = res.locals.requestContext as RequestContext | undefined;
  if (!context || requestContext.getStore() === context) return next();
  requestContext.run(context, next);
}
