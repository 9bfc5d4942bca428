import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12 scimType values this server uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'mutability'
  | 'uniqueness'
  | 'noTarget'
  | 'tooMany';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: ScimType;
  detail: string;
}

const BODY_PARSER: Record<string, ScimType | undefined> = {
  'entity.parse.failed': 'invalidSyntax',
};

/** Anything thrown on a SCIM route, as RFC 7644 §3.12 wants it; never a stack or SQL. */
export function toScimError(error: unknown): ScimErrorBody {
  const body = (status: number, detail: string, scimType?: ScimType): ScimErrorBody => ({
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });
  if (error instanceof ScimError) return body(error.status, error.detail, error.scimType);
  if (error instanceof DomainError) {
    const scimType: ScimType | undefined =
      error.status === 409 ? 'uniqueness' : error.status === 400 ? 'invalidValue' : undefined;
    return body(error.status, error.detail, scimType);
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    return body(error.getStatus(), error.message);
  }
  const httpish = error as { status?: number; type?: string; message?: string } | null;
  if (typeof httpish?.status === 'number' && httpish.status >= 400 && httpish.status < 500) {
    const detail =
      httpish.status === 413
        ? 'The request body is larger than this endpoint accepts.'
        : httpish.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request is malformed.';
    return body(httpish.status, detail, BODY_PARSER[httpish.type ?? '']);
  }
  logger.error({ err: error }, 'unhandled SCIM error');
  return body(500, 'An unexpected error occurred.');
}

export function sendScimError(error: unknown, res: Response): void {
  const body = toScimError(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(Number(body.status)).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Path test for the pre-routing error handler (body parser, shape limits). */
export function isScimPath(req: Request): boolean {
  return /^\/scim(\/|$)/i.test(req.path);
}

@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    sendScimError(error, host.switchToHttp().getResponse<Response>());
  }
}
