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

const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

/**
 * One walk over a parsed value, without recursion (the input may be nested far deeper than the
 * stack allows): it stops at the first limit crossed, and on the way replaces lone surrogates (JSON
 * may escape them: "\ud800") with U+FFFD in every string and key, in place. validator.js throws on
 * them (isEmail → encodeURI), and agents send window titles that hold them, so they become text
 * rather than a 400 for the whole batch. One walk, because an agent batch holds ~40,000 values.
 */
export function cleanJson(
  value: unknown,
  limits: JsonShapeLimits = JSON_SHAPE_LIMITS,
): { value: unknown; violation: JsonShapeViolation | null } {
  if (typeof value === 'string') return { value: wellFormed(value), violation: null };
  if (value === null || typeof value !== 'object') return { value, violation: null };
  const pending: { value: object; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > limits.maxDepth) return { value, violation: 'depth' };
    const target = next.value as Record<string, unknown>;
    const isArray = Array.isArray(target);
    const keys = isArray ? null : Object.keys(target);
    const count = keys ? keys.length : (target as unknown as unknown[]).length;
    nodes += count;
    if (nodes > limits.maxNodes) return { value, violation: 'nodes' };
    for (let i = 0; i < count; i++) {
      const key = keys ? keys[i] : String(i);
      const child = target[key];
      const fixedKey = keys ? wellFormed(key) : key;
      if (fixedKey !== key) delete target[key];
      if (typeof child === 'string') target[fixedKey] = wellFormed(child);
      else if (fixedKey !== key) target[fixedKey] = child;
      if (child !== null && typeof child === 'object') {
        pending.push({ value: child, depth: next.depth + 1 });
      }
    }
  }
  return { value, violation: null };
}

function describe(where: string, violation: JsonShapeViolation, limits: JsonShapeLimits): string {
  return violation === 'depth'
    ? `The ${where} is nested deeper than ${limits.maxDepth} levels.`
    : `The ${where} has more than ${limits.maxNodes.toLocaleString('en')} keys and array elements.`;
}

/**
 * Runs right after the JSON parser, before routing and validation: a body or query string nested
 * deeper (or wider) than the API needs is bad input, answered with 400 like any other; lone
 * surrogates in the body become U+FFFD.
 */
export function jsonShapeLimit(limits: JsonShapeLimits = JSON_SHAPE_LIMITS) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body = cleanJson(req.body, limits);
    if (body.violation) {
      const detail = describe('request body', body.violation, limits);
      return next(new BadRequestError(detail, 'too-complex'));
    }
    req.body = body.value;
    const query = cleanJson(req.query, limits).violation;
    if (query) {
      return next(new BadRequestError(describe('query string', query, limits), 'too-complex'));
    }
    next();
  };
}
