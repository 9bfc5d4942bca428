import fc from 'fast-check';

// fast-check arbitraries derived from the OpenAPI document's JSON schemas (what schemathesis does),
// plus hostile values. Bodies are built as values and written by `toJsonText`, so a hostile value
// can be raw JSON text (deep nesting) and objects can carry own `__proto__` keys.

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

/** JSON text inserted as is, e.g. nesting deeper than JSON.stringify should be asked to write. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${toJsonText((value as Record<string, unknown>)[key])}`,
    );
    return `{${entries.join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** An object whose keys are all own properties, `__proto__` included. */
export function plainObject(entries: [string, unknown][]): Record<string, unknown> {
  const target = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of entries) target[key] = value;
  return target;
}

export interface IdPools {
  /** Ids this principal may legitimately name (its own organization). */
  own: string[];
  /** Ids of the other organization. */
  foreign: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const day = fc
  .date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

/** A value valid for `schema`, ids drawn mostly from the pools. */
export function validArbitrary(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema,
  ids: IdPools,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant({});
  if (schema.$ref) return validArbitrary(resolve(schema.$ref), resolve, ids, name, depth);
  const merged = mergeAllOf(schema, resolve);
  const base = baseArbitrary(merged, resolve, ids, name, depth);
  return merged.nullable ? fc.oneof({ weight: 5, arbitrary: base }, fc.constant(null)) : base;
}

function mergeAllOf(schema: Schema, resolve: (ref: string) => Schema): Schema {
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((s) => (s.$ref ? resolve(s.$ref) : s));
  const merged: Schema = { ...schema, allOf: undefined };
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      // The `Object` component swagger emits for untyped numbers carries no constraints.
      if ((merged as Record<string, unknown>)[key] === undefined) {
        (merged as Record<string, unknown>)[key] = value;
      }
    }
  }
  if (merged.type === 'object' && !merged.properties && merged.minimum !== undefined) {
    merged.type = 'number';
  }
  if (!merged.type && (merged.minimum !== undefined || merged.maximum !== undefined)) {
    merged.type = 'number';
  }
  return merged;
}

function idArbitrary(ids: IdPools): fc.Arbitrary<string> {
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
  ];
  if (ids.own.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...ids.own) });
  if (ids.foreign.length > 0) {
    options.push({ weight: 2, arbitrary: fc.constantFrom(...ids.foreign) });
  }
  return fc.oneof(...options);
}

function isIdName(name: string): boolean {
  return /(^id|Id|Ids)$/.test(name);
}

function stringArbitrary(schema: Schema, ids: IdPools, name: string): fc.Arbitrary<string> {
  if (schema.format === 'uuid' || isIdName(name)) return idArbitrary(ids);
  if (schema.format === 'date-time') {
    return fc
      .integer({ min: -3 * 86_400_000, max: 60_000 })
      .map((offset) => new Date(Date.now() + offset).toISOString());
  }
  if (schema.format === 'email' || /email/i.test(name)) {
    return fc
      .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.nat())
      .map(([local, n]) => `${local}-${n}@example.test`);
  }
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  if (example && DAY.test(example)) return day;
  if (example && MONTH.test(example)) return day.map((d) => d.slice(0, 7));
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  const text = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  return example
    ? fc.oneof({ weight: 2, arbitrary: fc.constant(example) }, { weight: 1, arbitrary: text })
    : text;
}

function baseArbitrary(
  schema: Schema,
  resolve: (ref: string) => Schema,
  ids: IdPools,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.oneOf || schema.anyOf) {
    const options = (schema.oneOf ?? schema.anyOf ?? []).map((s) =>
      validArbitrary(s, resolve, ids, name, depth + 1),
    );
    return fc.oneof(...options);
  }
  switch (schema.type ?? 'object') {
    case 'string':
      return stringArbitrary(schema, ids, name);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? Math.max(min + 1_000, 1_000);
      return schema.type === 'integer' || Number.isInteger(min)
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 3, Math.max(minLength, 3));
      return fc.array(validArbitrary(schema.items, resolve, ids, name, depth + 1), {
        minLength,
        maxLength,
      });
    }
    default: {
      if (!schema.properties || depth > 6) return fc.constant({});
      const properties = schema.properties;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) {
        record[key] = validArbitrary(child, resolve, ids, key, depth + 1);
      }
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
  }
}

/** `[[[…]]]` nested `levels` deep. */
export function nestedJson(levels: number): RawJson {
  return new RawJson('['.repeat(levels) + ']'.repeat(levels));
}

/** Values no field should ever turn into a 5xx. */
export function hostileValue(ids: IdPools): fc.Arbitrary<unknown> {
  const fixed: unknown[] = [
    nestedJson(2_000),
    nestedJson(17),
    new RawJson(`{${'"a":{'.repeat(40)}${'}'.repeat(41)}`),
    'x'.repeat(100_000),
    new RawJson(JSON.stringify('y'.repeat(300_000))),
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m\r\n\t\b\f',
    '\u202eevil\u200b',
    '\ud800',
    "' OR 1=1 --",
    '../../../etc/passwd',
    '%00',
    '{{constructor.constructor("return process")()}}',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '2026-13-45',
    '9999-12-31T23:59:59Z',
    '',
    ' ',
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    true,
    false,
    null,
    [],
    {},
    [null],
    ['a', 1, true],
    plainObject([['__proto__', { polluted: true }]]),
    plainObject([['constructor', { prototype: { polluted: true } }]]),
    plainObject([['$where', '1 == 1']]),
  ];
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...fixed),
    fc.string({ unit: 'binary' }),
  ];
  if (ids.foreign.length > 0) options.push(fc.constantFrom(...ids.foreign));
  return fc.oneof(...options);
}

export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'organizationId',
  'role',
  'isAdmin',
];

/** A valid body with one part made hostile: a field replaced, an unknown key added, or all of it. */
export function hostileBody(valid: fc.Arbitrary<unknown>, ids: IdPools): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, hostileValue(ids), fc.nat(), fc.constantFrom(...HOSTILE_KEYS), fc.nat(3))
    .map(([body, bad, pick, extraKey, mode]) => {
      if (mode === 0 || body === null || typeof body !== 'object' || Array.isArray(body))
        return bad;
      const entries = Object.entries(body as Record<string, unknown>);
      if (mode === 1 || entries.length === 0) {
        return plainObject([...entries, [extraKey, bad]]);
      }
      const index = pick % entries.length;
      entries[index] = [entries[index][0], bad];
      return plainObject(entries);
    });
}
