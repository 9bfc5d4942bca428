import { parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './scim-errors.js';

const MAX_FILTER_LENGTH = 2_000;
const MAX_FILTER_NODES = 50;

/** Attribute paths a filter may name, lower-cased → canonical; and those compared case-exactly. */
export interface FilterSchema {
  attributes: string[];
  /** Multi-valued complex attributes usable as `attr[subFilter]`, with their sub-attributes. */
  multiValued: Record<string, string[]>;
  caseExact: string[];
}

export const USER_FILTER: FilterSchema = {
  attributes: [
    'id',
    'userName',
    'externalId',
    'displayName',
    'active',
    'name.givenName',
    'name.familyName',
    'name.formatted',
    'emails.value',
    'emails.type',
    'emails.primary',
    'meta.created',
    'meta.lastModified',
  ],
  multiValued: { emails: ['value', 'type', 'primary'] },
  caseExact: ['id', 'externalId'],
};

export const GROUP_FILTER: FilterSchema = {
  attributes: [
    'id',
    'displayName',
    'externalId',
    'members.value',
    'meta.created',
    'meta.lastModified',
  ],
  multiValued: { members: ['value', 'display'] },
  caseExact: ['id', 'externalId', 'members.value'],
};

type Value = string | number | boolean | null;
type Resource = Record<string, unknown>;
export type Predicate = (r: Resource) => boolean;

function invalid(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidFilter');
}

function canonical(schema: FilterSchema, path: string, allowed: string[]): string {
  const found = allowed.find((a) => a.toLowerCase() === path.toLowerCase());
  if (!found) throw invalid(`The attribute "${path.slice(0, 100)}" cannot be filtered on.`);
  return found;
}

function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      const v = (item as Resource)[part];
      if (Array.isArray(v)) next.push(...(v as unknown[]));
      else if (v !== undefined) next.push(v);
    }
    current = next;
  }
  return current;
}

function compare(op: string, actual: unknown, expected: Value, exact: boolean): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof expected === 'boolean' || typeof actual === 'boolean') {
    const a = typeof actual === 'string' ? actual.toLowerCase() === 'true' : actual === true;
    if (op === 'eq') return a === expected;
    if (op === 'ne') return a !== expected;
    return false;
  }
  if (expected === null) return op === 'ne';
  const norm = (v: unknown) => (exact ? String(v) : String(v).toLowerCase());
  const a = norm(actual);
  const e = norm(expected);
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      throw invalid(`The operator "${op}" is not supported.`);
  }
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into a predicate over resources. Only the listed
 * attributes may appear; anything else, a syntax error, or a filter that is too long or complex
 * is 400 invalidFilter. The filter never reaches SQL: it runs over the organization's resources.
 */
export function compileFilter(text: string, schema: FilterSchema): Predicate {
  if (text.length > MAX_FILTER_LENGTH) throw invalid('The filter is too long.');
  let ast: Filter;
  try {
    ast = parse(text);
  } catch {
    throw invalid('The filter is not valid SCIM filter syntax.');
  }
  let nodes = 0;
  const build = (f: Filter, within: { parent: string; subs: string[] } | null): Predicate => {
    if (++nodes > MAX_FILTER_NODES) throw invalid('The filter is too complex.');
    switch (f.op) {
      case 'and':
      case 'or': {
        const parts = f.filters.map((x) => build(x, within));
        return f.op === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
      }
      case 'not': {
        const inner = build(f.filter, within);
        return (r) => !inner(r);
      }
      case '[]': {
        if (within) throw invalid('Nested value filters are not supported.');
        const parent = Object.keys(schema.multiValued).find(
          (k) => k.toLowerCase() === f.attrPath.toLowerCase(),
        );
        if (!parent) throw invalid(`"${f.attrPath.slice(0, 100)}" is not multi-valued.`);
        const inner = build(f.valFilter, { parent, subs: schema.multiValued[parent] });
        return (r) => valuesAt(r, parent).some((item) => inner(item as Resource));
      }
      case 'pr': {
        const path = within
          ? canonical(schema, f.attrPath, within.subs)
          : canonical(schema, f.attrPath, schema.attributes);
        return (r) => valuesAt(r, path).some((v) => v !== null && v !== '');
      }
      case 'eq':
      case 'ne':
      case 'co':
      case 'sw':
      case 'ew':
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le': {
        const path = within
          ? canonical(schema, f.attrPath, within.subs)
          : canonical(schema, f.attrPath, schema.attributes);
        const full = within ? `${within.parent}.${path}` : path;
        const exact = schema.caseExact.includes(full);
        const op = f.op;
        const expected = f.compValue;
        return (r) => valuesAt(r, path).some((v) => compare(op, v, expected, exact));
      }
    }
  };
  return build(ast, null);
}

export interface ListQuery {
  filter?: string;
  startIndex: number;
  count: number;
}

export const MAX_PAGE = 200;

function intParam(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^-?\d{1,9}$/.test(raw)) {
    throw new ScimError(400, `${name} must be an integer.`, 'invalidValue');
  }
  return Number(raw);
}

/** RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0. */
export function readListQuery(query: Record<string, unknown>): ListQuery {
  const filter = query.filter;
  if (filter !== undefined && typeof filter !== 'string') {
    throw invalid('filter must be given once, as a string.');
  }
  return {
    filter: filter === undefined || filter.trim() === '' ? undefined : filter,
    startIndex: Math.max(1, intParam('startIndex', query.startIndex, 1)),
    count: Math.min(MAX_PAGE, Math.max(0, intParam('count', query.count, 100))),
  };
}
