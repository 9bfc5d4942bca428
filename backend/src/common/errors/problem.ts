import { HttpException } from '@nestjs/common';
import { DomainError, TooManyRequestsError } from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://calltimex.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  [extension: string]: unknown;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function kebab(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

/** Errors raised by body-parser and friends carry a status and a type but are not HttpExceptions. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

const BODY_PARSER_DETAILS: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is larger than this endpoint accepts.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body does not match its declared length.',
  'charset.unsupported': 'The request body has an unsupported charset.',
};

/** Turns anything thrown into a problem; returns headers to add (Retry-After). */
export function toProblem(
  error: unknown,
  instance: string,
  correlationId: string | undefined,
): { problem: Problem; headers: Record<string, string>; internal: boolean } {
  const headers: Record<string, string> = {};
  if (error instanceof DomainError) {
    if (error instanceof TooManyRequestsError)
      headers['Retry-After'] = String(error.retryAfterSeconds);
    return {
      problem: {
        type: TYPE_BASE + error.code,
        title: error.title,
        status: error.status,
        detail: error.detail,
        instance,
        correlationId,
        ...error.extra,
      },
      headers,
      internal: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body = response as { message?: unknown };
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray(body.message)
          ? body.message.map(String).join('; ')
          : typeof body.message === 'string'
            ? body.message
            : error.message;
    const title = STATUS_TITLES[status] ?? 'Error';
    const internal = status >= 500;
    return {
      problem: {
        type: TYPE_BASE + kebab(title),
        title,
        status,
        detail: internal ? 'An unexpected error occurred.' : message,
        instance,
        correlationId,
      },
      headers,
      internal,
    };
  }
  const httpish = error as HttpishError | null;
  const status = httpish?.status ?? httpish?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const title = STATUS_TITLES[status] ?? 'Bad request';
    const detail = (httpish?.type && BODY_PARSER_DETAILS[httpish.type]) ?? title;
    return {
      problem: { type: TYPE_BASE + kebab(title), title, status, detail, instance, correlationId },
      headers,
      internal: false,
    };
  }
  return {
    problem: {
      type: TYPE_BASE + 'internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id when you report it.',
      instance,
      correlationId,
    },
    headers,
    internal: true,
  };
}
