import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import { pino } from 'pino';

export interface RequestContext {
  correlationId: string;
  /** `req.ip`: the client's address as `trust proxy` (TRUST_PROXY_HOPS) resolves it. */
  clientAddress: string | null;
}

/** Carries the correlation id of the current request into every log line, its address into audit. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'calltimex' },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: () => {
    const ctx = requestContext.getStore();
    return ctx ? { correlationId: ctx.correlationId } : {};
  },
  redact: ['req.headers.authorization', 'password', '*.password', '*.passwordHash', '*.token'],
});

export function setLogLevel(level: string): void {
  logger.level = level;
}

/** Nest's own messages, as JSON lines through the same logger. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    logger.trace({ context }, String(message));
  }
}
