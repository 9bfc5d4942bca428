import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logger } from '../logging/logger.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';

export function sendProblem(error: unknown, req: Request, res: Response): void {
  const correlationId = res.getHeader('X-Request-Id') as string | undefined;
  const { problem, headers, internal } = toProblem(
    error,
    req.originalUrl.split('?')[0] ?? '/',
    correlationId,
  );
  if (internal) logger.error({ err: error, correlationId }, 'unhandled error');
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** The one place errors become responses: RFC 9457 problem details, never a stack or SQL. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
