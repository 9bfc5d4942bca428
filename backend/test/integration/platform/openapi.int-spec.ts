import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import request from 'supertest';
import { buildOpenApiDocument } from '#src/configure-app.js';
import { noFallbacks, type OpenApiFallbacks } from '#src/common/http/openapi.js';
import { OPERATION_EXAMPLES } from '#src/common/http/openapi-examples.js';
import { signUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: OperationObject;
}

function operations(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ method, path, op }] : [];
    }),
  );
}

const pathParameters = (op: OperationObject): ParameterObject[] =>
  (op.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p) && p.in === 'path');

// The endpoints /work/shared/API.md pins; each carries a request (when it has a body) and an answer example.
const PINNED = [
  'signup',
  'login',
  'createTeam',
  'createEmployee',
  'getEmployee',
  'createEnrollmentToken',
  'enrollDevice',
  'ingestEvents',
  'getReportSummary',
  'getReportUsage',
  'createProductivityRule',
  'createPrivacyRequest',
  'getPrivacyRequest',
];

describe(`OpenAPI document on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let document: OpenAPIObject;
  const fallbacks: OpenApiFallbacks = noFallbacks();

  beforeAll(async () => {
    ctx = await startTestApp();
    document = buildOpenApiDocument(ctx.app, fallbacks);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('needs no fallback: decorators declare every path parameter and summary', () => {
    // Lists the handlers to fix: add @ApiOperation({ summary }) or declare the parameter
    // (@ApiProperty on the @Param() DTO, or @ApiParam).
    expect(fallbacks).toEqual({
      undeclaredPathParameters: [],
      derivedSummaries: [],
      unplacedExamples: [],
    });
  });

  it('declares exactly the path parameters of each template', () => {
    const mismatched = operations(document).flatMap(({ method, path, op }) => {
      const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = pathParameters(op)
        .map((p) => p.name)
        .sort();
      return JSON.stringify(template) === JSON.stringify(declared) ? [] : [`${method} ${path}`];
    });
    expect(mismatched).toEqual([]);
    // Ids are UUIDs; a failed job's id is BullMQ's own (e.g. `export-<uuid>`).
    const ids = operations(document)
      .filter(({ op }) => op.operationId !== 'retryFailedJob')
      .flatMap(({ op }) => pathParameters(op).filter((p) => p.name === 'id'));
    expect(ids.length).toBeGreaterThan(30);
    for (const p of ids) expect(p.schema).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it('gives every operation a unique operationId, a summary and a server to call', () => {
    const all = operations(document);
    const ids = all.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.filter(({ op }) => !op.summary?.trim()).map(({ op }) => op.operationId)).toEqual([]);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('describes every 4xx answer as a problem document, and every operation has one', () => {
    const wrong: string[] = [];
    for (const { op } of operations(document)) {
      const codes = Object.keys(op.responses).filter((code) => /^4\d\d$/.test(code));
      if (codes.length === 0) wrong.push(`${op.operationId}: no 4xx`);
      for (const code of codes) {
        const schema = (
          op.responses[code] as {
            content?: Record<string, { schema?: { $ref?: string } }>;
          }
        ).content?.['application/problem+json']?.schema?.$ref;
        const want = code === '400' ? 'ValidationProblem' : 'Problem';
        if (schema !== `#/components/schemas/${want}`) wrong.push(`${op.operationId} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(document.components?.schemas?.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail'],
    });
  });

  it('says which token each operation takes: user, API token, device or none', () => {
    const security = (id: string) =>
      operations(document).find(({ op }) => op.operationId === id)?.op.security;
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual([
      'apiToken',
      'bearer',
      'deviceToken',
    ]);
    for (const id of ['signup', 'login', 'enrollDevice', 'getHealth']) {
      expect([id, security(id)]).toEqual([id, []]);
    }
    for (const id of ['ingestEvents', 'getAgentConfig', 'reportInventory']) {
      expect([id, security(id)]).toEqual([id, [{ deviceToken: [] }]]);
    }
    for (const id of ['createEmployee', 'getReportSummary']) {
      expect([id, security(id)]).toEqual([id, [{ bearer: [] }, { apiToken: [] }]]);
    }
    for (const id of ['createPrivacyRequest', 'createApiToken']) {
      expect([id, security(id)]).toEqual([id, [{ bearer: [] }]]);
    }
  });

  it('carries request and answer examples for the pinned endpoints', () => {
    for (const id of PINNED) {
      const found = operations(document).find(({ op }) => op.operationId === id);
      expect([id, found !== undefined]).toEqual([id, true]);
      const op = found!.op;
      const body = op.requestBody as { content: Record<string, { example?: unknown }> } | undefined;
      if (body)
        expect([id, body.content['application/json']?.example]).toEqual([id, expect.anything()]);
      const examples = OPERATION_EXAMPLES[id];
      const status = examples?.response?.status ?? 'none';
      const answer = (op.responses[status] as { content?: Record<string, { example?: unknown }> })
        ?.content?.['application/json']?.example;
      expect([id, answer]).toEqual([id, examples?.response?.value]);
      expect(answer).toBeDefined();
    }
  });

  // The document's claims, checked against the running api.
  it('answers 401 problem+json without a token wherever the document asks for one', async () => {
    const server = ctx.app.getHttpServer();
    const anyId = '00000000-0000-4000-8000-000000000000';
    const secured = operations(document).filter(({ op }) => (op.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(90);
    const answers: string[] = [];
    for (const { method, path } of secured) {
      const url = path.replace(/\{[^}]+\}/g, anyId);
      const res = await request(server)[method](url);
      const ok = res.status === 401 && /^application\/problem\+json/.test(res.type);
      if (!ok) answers.push(`${method.toUpperCase()} ${path} → ${res.status}`);
    }
    expect(answers).toEqual([]);
  });

  it('answers the declared 400 problems: bad path ids, and malformed bodies even where no input is taken', async () => {
    const server = ctx.app.getHttpServer();
    const owner = await signUp(ctx.app);
    const badId = await request(server)
      .get('/api/v1/employees/not-a-uuid')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(400);
    expect(badId.type).toBe('application/problem+json');
    expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'id' })]);

    const malformed = await request(server)
      .get('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"not json')
      .expect(400);
    expect(malformed.type).toBe('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, title: 'Bad request' });
  });
});
