import type { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { authenticatesDevices } from '../auth/device-guard-marker.js';
import { IS_PUBLIC_KEY, PERMISSIONS_KEY } from '../auth/permissions.js';
import { API_TOKEN_SCOPES, SCOPE_DESCRIPTIONS, SCOPES_KEY } from '../auth/scopes.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { OPERATION_EXAMPLES, type OperationExamples } from './openapi-examples.js';

/** Security scheme names in `components.securitySchemes`. */
export const USER_AUTH = 'bearer';
export const DEVICE_AUTH = 'deviceToken';
export const API_TOKEN_AUTH = 'apiToken';
/** Operation extension listing the scopes an API token needs for it. */
export const SCOPES_EXTENSION = 'x-api-token-scopes';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** How a route is guarded, read from the same metadata the global guards read. */
export interface RouteAccess {
  public: boolean;
  device: boolean;
  permissions: boolean;
  /** API token scopes the route needs; empty: API tokens cannot call it. */
  scopes: string[];
}

/** What the post-processing had to fill in because the decorators did not say it. */
export interface OpenApiFallbacks {
  /** `METHOD path {name}`: a path parameter no decorator declared. */
  undeclaredPathParameters: string[];
  /** operationIds whose summary was derived from the operationId. */
  derivedSummaries: string[];
  /** `operationId request|response`: an example with no JSON body or answer to go to. */
  unplacedExamples: string[];
}

export function noFallbacks(): OpenApiFallbacks {
  return { undeclaredPathParameters: [], derivedSummaries: [], unplacedExamples: [] };
}

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `type` ends in a stable code; more members may follow (e.g. `retryAfterSeconds`).',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'https://calltimex.dev/problems/not-found' },
    title: { type: 'string', example: 'Not found' },
    status: { type: 'integer', example: 404 },
    detail: { type: 'string', example: 'Employee not found.' },
    instance: { type: 'string', example: '/api/v1/employees/7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44' },
    correlationId: { type: 'string', description: 'Echoes the `X-Request-Id` of the answer.' },
  },
  additionalProperties: true,
};

const VALIDATION_PROBLEM_SCHEMA: SchemaObject = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      properties: {
        errors: {
          type: 'array',
          description: 'Present when the body, query or path failed validation: one per problem.',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { type: 'string', example: 'email' },
              message: { type: 'string', example: 'email must be an email' },
            },
          },
        },
      },
    },
  ],
};

/** The 4xx answers the platform gives whatever the handler does, by what the route declares. */
const DEFAULT_DESCRIPTIONS: Record<string, string> = {
  '400': 'Malformed or invalid input; validation failures list each field under `errors`.',
  '401': 'No, expired or revoked bearer token.',
  '403': 'Authenticated, but the role lacks the permission this operation needs.',
  '404': 'Not found, or belonging to another organization.',
};

function problemContent(status: string): ResponseObject['content'] {
  const schema = status === '400' ? 'ValidationProblem' : 'Problem';
  return { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${schema}` } } };
}

/** Reads every controller route's guards once; keyed by handler name (= operationId). */
export function readRouteAccess(app: INestApplication): Map<string, RouteAccess> {
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const meta = (key: string): unknown =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[]) ?? []),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[]) ?? []),
        ];
        const access: RouteAccess = {
          public: meta(IS_PUBLIC_KEY) === true,
          device: guards.some(authenticatesDevices),
          permissions: ((meta(PERMISSIONS_KEY) as unknown[] | undefined) ?? []).length > 0,
          scopes: [...((meta(SCOPES_KEY) as string[] | undefined) ?? [])],
        };
        // Two handlers of one name share an operationId, which the lint and the OpenAPI test
        // reject; until renamed, the document claims the stricter access rather than none.
        const seen = routes.get(name);
        const differs = seen && JSON.stringify(seen) !== JSON.stringify(access);
        routes.set(
          name,
          differs
            ? {
                public: false,
                device: false,
                permissions: seen.permissions || access.permissions,
                scopes: [],
              }
            : access,
        );
      }
    }
  }
  return routes;
}

function templateParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function isParameter(p: ParameterObject | ReferenceObject): p is ParameterObject {
  return !('$ref' in p);
}

/** "createEmployee" → "Create employee": a net for handlers without @ApiOperation({ summary }). */
export function summaryFromOperationId(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Completes what decorators leave out, so every operation (future ones included) passes Redocly's
 * recommended rules: declared path parameters, a summary, its security, problem+json 4xx answers,
 * a relative server, and the pinned endpoints' examples. Mutates and returns `document`.
 */
export function finalizeOpenApiDocument(
  document: OpenAPIObject,
  access: ReadonlyMap<string, RouteAccess>,
  fallbacks: OpenApiFallbacks = noFallbacks(),
): OpenAPIObject {
  document.servers = [{ url: '/', description: 'This server (paths carry the /api/v1 prefix)' }];
  document.security = [{ [USER_AUTH]: [] }];
  const components = (document.components ??= {});
  components.securitySchemes = {
    [USER_AUTH]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A user access token from /auth/login, /auth/signup or /auth/refresh.',
    },
    [DEVICE_AUTH]: {
      type: 'http',
      scheme: 'bearer',
      description: 'The device token an agent received from /agent/enroll.',
    },
    [API_TOKEN_AUTH]: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A personal (`ctx_pat_…`) or service (`ctx_svc_…`) API token from /api-tokens. It reaches ' +
        `only operations that list the scopes it needs under \`${SCOPES_EXTENSION}\`; a token ` +
        'without one of them gets 403 naming the missing scope (`missingScopes`). Scopes: ' +
        API_TOKEN_SCOPES.map((s) => `\`${s}\` (${SCOPE_DESCRIPTIONS[s]})`).join('; ') +
        '.',
    },
  };
  components.schemas = {
    ...components.schemas,
    Problem: PROBLEM_SCHEMA,
    ValidationProblem: VALIDATION_PROBLEM_SCHEMA,
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const id = operation.operationId ?? `${method} ${path}`;

      const parameters = (operation.parameters ??= []);
      for (const name of templateParameters(path)) {
        const declared = parameters.some(
          (p) => isParameter(p) && p.in === 'path' && p.name === name,
        );
        if (declared) continue;
        fallbacks.undeclaredPathParameters.push(`${method.toUpperCase()} ${path} {${name}}`);
        parameters.push({
          name,
          in: 'path',
          required: true,
          schema: /(^id|Id)$/.test(name) ? { type: 'string', format: 'uuid' } : { type: 'string' },
        });
      }

      if (!operation.summary) {
        fallbacks.derivedSummaries.push(id);
        operation.summary = summaryFromOperationId(id);
      }

      const route = operation.operationId ? access.get(operation.operationId) : undefined;
      if (route?.public) operation.security = route.device ? [{ [DEVICE_AUTH]: [] }] : [];
      else if (route && route.scopes.length > 0) {
        operation.security = [{ [USER_AUTH]: [] }, { [API_TOKEN_AUTH]: [] }];
        (operation as unknown as Record<string, unknown>)[SCOPES_EXTENSION] = route.scopes;
        operation.description = [
          operation.description,
          `API tokens need the scope${route.scopes.length > 1 ? 's' : ''} ` +
            route.scopes.map((s) => `\`${s}\``).join(', ') +
            '.',
        ]
          .filter(Boolean)
          .join('\n\n');
      } else operation.security = [{ [USER_AUTH]: [] }];

      const responses = operation.responses;
      const add = (status: string, when: boolean) => {
        if (when && !responses[status]) {
          responses[status] = { description: DEFAULT_DESCRIPTIONS[status] };
        }
      };
      // Any request may carry a malformed JSON body; the body parser answers 400 before routing.
      add('400', true);
      add('401', operation.security.length > 0);
      add('403', route?.permissions === true || (route?.scopes.length ?? 0) > 0);
      add('404', templateParameters(path).length > 0);
      for (const [status, response] of Object.entries(responses)) {
        if (!response || !/^4\d\d$/.test(status) || '$ref' in response) continue;
        response.content ??= problemContent(status);
        if (status === '429') {
          response.headers ??= {
            'Retry-After': {
              description: 'Seconds to wait before trying again.',
              schema: { type: 'integer' },
            },
          };
        }
      }

      const examples = operation.operationId
        ? OPERATION_EXAMPLES[operation.operationId]
        : undefined;
      if (examples) fallbacks.unplacedExamples.push(...applyExamples(id, operation, examples));
    }
  }
  return document;
}

/** Puts the examples on the JSON request body and answer; returns those with nowhere to go. */
function applyExamples(
  id: string,
  operation: OperationObject,
  examples: OperationExamples,
): string[] {
  const unplaced: string[] = [];
  if (examples.request !== undefined) {
    const body = operation.requestBody;
    const media = body && !('$ref' in body) ? body.content['application/json'] : undefined;
    if (media) media.example = examples.request;
    else unplaced.push(`${id} request`);
  }
  if (examples.response) {
    const response = operation.responses[examples.response.status];
    const media =
      response && !('$ref' in response) ? response.content?.['application/json'] : undefined;
    if (media) media.example = examples.response.value;
    else unplaced.push(`${id} response ${examples.response.status}`);
  }
  return unplaced;
}
