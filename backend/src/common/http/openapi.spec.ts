import type { OpenAPIObject } from '@nestjs/swagger';
import { finalizeOpenApiDocument, noFallbacks, type RouteAccess } from './openapi.js';

const USER: RouteAccess = { public: false, device: false, permissions: true, scopes: [] };

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: {} };
}

describe('finalizeOpenApiDocument', () => {
  it('declares a template parameter no decorator declared, a uuid when its name ends in id', () => {
    const fallbacks = noFallbacks();
    const document = finalizeOpenApiDocument(
      documentWith({
        '/teams/{teamId}/pages/{slug}': {
          get: {
            operationId: 'getPage',
            summary: 'A page',
            responses: { '200': { description: '' } },
          },
        },
      }),
      new Map([['getPage', USER]]),
      fallbacks,
    );
    expect(document.paths['/teams/{teamId}/pages/{slug}']?.get?.parameters).toEqual([
      { name: 'teamId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(fallbacks.undeclaredPathParameters).toEqual([
      'GET /teams/{teamId}/pages/{slug} {teamId}',
      'GET /teams/{teamId}/pages/{slug} {slug}',
    ]);
  });

  it('keeps a declared parameter and a written summary, and derives a missing summary', () => {
    const fallbacks = noFallbacks();
    const declared = {
      name: 'id',
      in: 'path' as const,
      required: true,
      schema: { type: 'string' as const },
    };
    const document = finalizeOpenApiDocument(
      documentWith({
        '/jobs/{id}': {
          post: { operationId: 'retryFailedJob', parameters: [declared], responses: {} },
          get: { operationId: 'getJob', summary: 'One job', parameters: [declared], responses: {} },
        },
      }),
      new Map([
        ['retryFailedJob', USER],
        ['getJob', USER],
      ]),
      fallbacks,
    );
    const item = document.paths['/jobs/{id}'];
    expect(item?.post?.parameters).toEqual([declared]);
    expect(item?.post?.summary).toBe('Retry failed job');
    expect(item?.get?.summary).toBe('One job');
    expect(fallbacks.derivedSummaries).toEqual(['retryFailedJob']);
    expect(fallbacks.undeclaredPathParameters).toEqual([]);
  });

  it('sets security from the route guards and adds the 4xx answers they imply, as problems', () => {
    const document = finalizeOpenApiDocument(
      documentWith({
        '/login': {
          post: {
            operationId: 'login',
            responses: { '200': { description: '' }, '429': { description: 'Too many' } },
          },
        },
        '/agent/events': { post: { operationId: 'ingestEvents', responses: {} } },
        '/things/{id}': { get: { operationId: 'getThing', responses: {} } },
        '/mine': { get: { operationId: 'listMine', responses: {} } },
      }),
      new Map<string, RouteAccess>([
        ['login', { public: true, device: false, permissions: false, scopes: [] }],
        ['ingestEvents', { public: true, device: true, permissions: false, scopes: [] }],
        ['getThing', USER],
        ['listMine', { public: false, device: false, permissions: false, scopes: [] }],
      ]),
    );
    const op = (path: string, method: 'get' | 'post') => document.paths[path]?.[method];
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);

    expect(op('/login', 'post')?.security).toEqual([]);
    expect(Object.keys(op('/login', 'post')?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '429',
    ]);
    expect(op('/login', 'post')?.responses['429']).toMatchObject({
      description: 'Too many',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });

    expect(op('/agent/events', 'post')?.security).toEqual([{ deviceToken: [] }]);
    expect(Object.keys(op('/agent/events', 'post')?.responses ?? {}).sort()).toEqual([
      '400',
      '401',
    ]);

    expect(op('/things/{id}', 'get')?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(op('/things/{id}', 'get')?.responses ?? {}).sort()).toEqual([
      '400',
      '401',
      '403',
      '404',
    ]);
    expect(op('/things/{id}', 'get')?.responses['400']).toMatchObject({
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } },
      },
    });
    expect(Object.keys(op('/mine', 'get')?.responses ?? {}).sort()).toEqual(['400', '401']);
    expect(document.components?.schemas).toHaveProperty('Problem');
    expect(document.components?.schemas).toHaveProperty('ValidationProblem');
  });

  it('places the pinned examples and reports an example with nowhere to go', () => {
    const fallbacks = noFallbacks();
    const document = finalizeOpenApiDocument(
      documentWith({
        '/teams': {
          post: {
            operationId: 'createTeam',
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '201': { description: '' } },
          },
        },
      }),
      new Map([['createTeam', USER]]),
      fallbacks,
    );
    const body = document.paths['/teams']?.post?.requestBody as {
      content: Record<string, { example?: unknown }>;
    };
    expect(body.content['application/json']?.example).toEqual({ name: 'Support' });
    expect(fallbacks.unplacedExamples).toEqual(['createTeam response 201']);
  });
});
