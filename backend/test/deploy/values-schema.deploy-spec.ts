// helm/calltimex/values.schema.json: Helm validates values against it on install, upgrade, lint
// and template. Without Helm here, a small validator for the keywords the schema uses checks it.
import { readRepoFile, readYaml } from './deploy-files.js';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  items?: Schema;
}

const SUPPORTED = new Set([
  ...['type', 'properties', 'required', 'additionalProperties', 'enum', 'minimum', 'maximum'],
  ...['pattern', 'minLength', 'minItems', 'items', 'description', 'title', '$schema'],
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function validate(schema: Schema, value: unknown, path = '(root)'): string[] {
  const errors: string[] = [];
  if (schema.type) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [`${path}: ${actual} is not ${allowed.join(' or ')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not one of the enum`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: < minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: > maximum`);
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: pattern`);
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      errors.push(`${path}: shorter than ${schema.minLength}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    }
    if (schema.items) {
      value.forEach((item, i) => errors.push(...validate(schema.items!, item, `${path}[${i}]`)));
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in object)) errors.push(`${path}.${key}: required`);
    }
    for (const [key, child] of Object.entries(object)) {
      const childSchema = schema.properties?.[key];
      if (childSchema) errors.push(...validate(childSchema, child, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
    }
  }
  return errors;
}

function keywords(schema: Schema): string[] {
  return [
    ...Object.keys(schema),
    ...Object.values(schema.properties ?? {}).flatMap(keywords),
    ...(schema.items ? keywords(schema.items) : []),
  ];
}

const schema = JSON.parse(readRepoFile('helm/calltimex/values.schema.json')) as Schema;
const values = readYaml('helm/calltimex/values.yaml') as Record<string, unknown>;
const withValue = (path: string, value: unknown): Record<string, unknown> => {
  const copy = structuredClone(values);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
};

describe('values.schema.json', () => {
  it('uses only keywords this validator understands', () => {
    expect([...new Set(keywords(schema))].filter((k) => !SUPPORTED.has(k))).toEqual([]);
  });

  it('accepts values.yaml as shipped', () => {
    expect(validate(schema, values)).toEqual([]);
  });

  it('describes every top-level value of values.yaml, and nothing else', () => {
    const described = Object.keys(schema.properties ?? {}).filter((k) => k !== 'global');
    expect(described.sort()).toEqual(Object.keys(values).sort());
  });

  it.each([
    ['a misspelt value', 'externalDatabse', { url: 'mysql://x' }, 'not allowed'],
    ['a misspelt nested value', 'api.autoscalling', { enabled: true }, 'not allowed'],
    ['a string for a number', 'api.replicas', 'two', 'is not integer'],
    ['an unknown log level', 'config.logLevel', 'verbose', 'enum'],
    ['an out-of-range concurrency', 'worker.concurrency', 100, 'maximum'],
    ['a bad queue prefix', 'externalRedis.queuePrefix', '{calltimex}', 'pattern'],
    ['an unknown access mode', 'persistence.accessModes', ['ReadWriteSometimes'], 'enum'],
  ])('refuses %s', (_what, path, value, message) => {
    const errors = validate(schema, withValue(path, value));
    expect(errors.join('\n')).toContain(message);
  });
});
