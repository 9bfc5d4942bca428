import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '../errors/domain-error.js';

export interface JsonShapeLimits {
  /** Levels of objects and arrays; `{"a":[1]}` is 2 deep. */
  maxDepth: number;
  /** Object keys and array elements counted over the whole value. */
  maxNodes: number;
}

// No DTO nests deeper than 4 levels, and the biggest legitimate body, an agent batch of 5,000
// events of at most 7 fields each, has about 40,000 keys and elements: these limits leave room for
// both while stopping the recursion (class-transformer, class-validator) that deep input overflows.
export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 16, maxNodes: 100_000 };

export type JsonShapeViolation = 'depth' | 'nodes';

/** Walks a parsed value without recursion and stops at the first limit it crosses. */
export function checkJsonShape(
  value: unknown,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): JsonShapeViolation | null {
  if (value === null || typeof value !== 'object') return null;
  const pending: { value: object; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > limits.maxDepth) return 'depth';
    const children = Array.isArray(next.value)
      ? (next.value as unknown[])
      : Object.values(next.value as Record<string, unknown>);
    nodes += children.length;
    if (nodes > limits.maxNodes) return 'nodes';
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        pending.push({ value: child, depth: next.depth + 1 });
      }
    }
  }
  return null;
}

function describe(where: string, violation: JsonShapeViolation, limits: JsonShapeLimits): string {
  return violation === 'depth'
    ? `The ${where} is nested deeper than ${limits.maxDepth} levels.`
    : `The ${where} has more than ${limits.maxNodes.toLocaleString('en')} keys and array elements.`;
}

/**
 * Runs right after the JSON parser, before routing and validation: a body or query string nested
 * deeper (or wider) than the API needs is bad input, answered with 400 like any other.
 */
export function jsonShapeLimit(limits: JsonShapeLimits = JSON_SHAPE_LIMITS) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body = checkJsonShape(req.body, limits);
    if (body)
      return next(new BadRequestError(describe('request body', body, limits), 'too-complex'));
    const query = checkJsonShape(req.query, limits);
    if (query) {
      return next(new BadRequestError(describe('query string', query, limits), 'too-complex'));
    }
    next();
  };
}
