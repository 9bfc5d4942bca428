/** One place for every error a client may see; the problem filter turns these into RFC 9457 bodies. */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    /** Short, stable, kebab-case: the last segment of the problem type URI. */
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, code = 'bad-request') {
    super(400, code, 'Bad request', detail);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(
      400,
      'validation-failed',
      'Validation failed',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      {
        errors,
      },
    );
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'Missing or invalid credentials.') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'You are not allowed to do this.', code = 'forbidden') {
    super(403, code, 'Forbidden', detail);
  }
}

export class NotFoundError extends DomainError {
  /** Also used for another organization's ids: their existence is never revealed. */
  constructor(what = 'Resource') {
    super(404, 'not-found', 'Not found', `${what} not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, code = 'conflict') {
    super(409, code, 'Conflict', detail);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(detail: string) {
    super(413, 'payload-too-large', 'Payload too large', detail);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many attempts. Try again later.',
    code = 'rate-limited',
  ) {
    super(429, code, 'Too many requests', detail, { retryAfter: retryAfterSeconds });
  }
}
