import { createHash } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { buildOpenApiDocument } from '#src/configure-app.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { seedDevice } from '../agent/agent-fixtures.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import {
  hostileBody,
  hostileValue,
  nestedJson,
  RawJson,
  toJsonText,
  validArbitrary,
  type IdPools,
  type Schema,
} from './openapi-arbitraries.js';

// Walks every operation of the OpenAPI document as every role, with two organizations present,
// sending generated valid, invalid and hostile path params, query params and bodies. It asserts:
// no 5xx; every 4xx a problem document; no 2xx naming organization B's ids from organization A or
// showing B's data; no 2xx for a manager or employee naming a team or employee outside their scope.
// `npm run fuzz:api -w backend` runs it with a random seed (FUZZ_SEED replays one) and FUZZ_RUNS.

const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? 19);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);

/** Operations the fuzzer must not call, each with its reason; every other one is exercised. */
const EXCLUDED: Record<string, string> = {
  logout: 'ends the fuzzing principal’s own session, so later requests would only test 401',
  oidcCallback:
    'the provider’s redirect back: without the state it issued, it is a 400 before any organization is read (nothing of B is named)',
  lockPeriod:
    'its path parameter is a month (YYYY-MM), not an id: any id there is a 400 (tested in periods.int-spec)',
  unlockPeriod:
    'its path parameter is a month (YYYY-MM), not an id: any id there is a 400 (tested in periods.int-spec)',
  oidcLogout:
    'ends the fuzzing principal’s own session too (and answers the provider’s logout URL)',
  closeOrganization: 'closes organization A, after which every request answers the closure',
};

/**
 * Query filters that answer an empty page, not 404, for an id the caller may not see: the rows they
 * filter outlive the people they name (erasure keeps audit entries), so an unknown id is not an
 * error. For these the fuzzer asserts the page is empty instead.
 */
const EMPTY_PAGE_FILTERS: Record<string, { params: string[]; reason: string }> = {
  listAuditEntries: {
    params: ['subjectEmployeeId', 'actorUserId'],
    reason: 'audit entries keep the ids of erased employees and removed users',
  },
  exportAuditEntries: {
    params: ['subjectEmployeeId', 'actorUserId'],
    reason: 'the audit log as CSV: the same filters (an empty export is its header row only)',
  },
};

/**
 * Operations authenticated by a device token, which take an id in the path: a user's token is 401
 * there whatever the id, so organization B's ids are probed with organization A's device instead.
 */
const DEVICE_OPERATIONS = new Set(['deleteAgentScreenshot']);

const ROLES = ['anonymous', 'device', 'employee', 'manager', 'hr', 'admin', 'owner'] as const;
type RoleName = (typeof ROLES)[number];
const NESTED_BODY_ROLES: RoleName[] = ['anonymous', 'employee', 'owner'];

interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  query: { name: string; required: boolean; schema?: Schema }[];
  body?: Schema;
}

interface FuzzRequest {
  path: string;
  query: [string, string][];
  body?: unknown;
  /** What the request names: path params, id-named query params and body fields. */
  named: string[];
  /** Every string the request carries, which an answer may echo. */
  echoed: string[];
  /** Aimed at another organization's or scope's resources on purpose (see probeRequest). */
  probe?: boolean;
}

interface OrgSeed {
  owner: SignedUp;
  teams: { main: string; other: string; spare: string };
  employees: { self: string; main: string; other: string; spare: string };
  deviceSelf: { id: string; token: string };
  deviceSpare: string;
  rules: { main: string; other: string; org: string };
  spare: string[];
}

const server = (ctx: TestContext) => ctx.app.getHttpServer() as Parameters<typeof request>[0];

async function created(res: request.Response | Promise<request.Response>, what: string) {
  const r = await res;
  if (r.status !== 201 && r.status !== 200) {
    throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return r.body as { id: string };
}

/** Teams, employees, a device, rules and one of most other resources, through the API. */
async function seedOrganization(ctx: TestContext, owner: SignedUp): Promise<OrgSeed> {
  const token = owner.accessToken;
  const post = (path: string, body: object) =>
    request(server(ctx)).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const main = (await createTeam(ctx.app, token)).id;
  const other = (await createTeam(ctx.app, token)).id;
  const spareTeam = (await createTeam(ctx.app, token)).id;
  const self = (await createEmployee(ctx.app, token, { teamId: main })).id;
  const mainEmployee = (await createEmployee(ctx.app, token, { teamId: main })).id;
  const otherEmployee = (await createEmployee(ctx.app, token, { teamId: other })).id;
  const spareEmployee = (await createEmployee(ctx.app, token, { teamId: spareTeam })).id;
  const organizationId = owner.organization.id;
  const deviceSelf = await seedDevice(ctx.dataSource, { organizationId, employeeId: self });
  const deviceSpare = await seedDevice(ctx.dataSource, {
    organizationId,
    employeeId: spareEmployee,
  });
  const rule = (teamId?: string) =>
    created(
      post('/api/v1/productivity-rules', {
        kind: 'app',
        pattern: `App ${Math.random().toString(36).slice(2, 8)}`,
        productivity: 'productive',
        ...(teamId ? { teamId } : {}),
      }),
      'rule',
    );
  const rules = {
    main: (await rule(main)).id,
    other: (await rule(other)).id,
    org: (await rule()).id,
  };
  const spare = [
    (
      await created(
        post('/api/v1/invitations', { email: `inv-${self}@example.test`, role: 'hr' }),
        'invitation',
      )
    ).id,
    (await created(post('/api/v1/agent/enrollment-tokens', {}), 'enrollment token')).id,
    (await created(post('/api/v1/report-subscriptions', { frequency: 'weekly' }), 'subscription'))
      .id,
    (
      await created(
        post('/api/v1/billing/contacts', { name: 'Billing', email: `bill-${self}@example.test` }),
        'contact',
      )
    ).id,
    (
      await created(
        post('/api/v1/privacy/notices', { texts: { en: 'We record active time.' } }),
        'notice',
      )
    ).id,
    (
      await created(
        post('/api/v1/privacy/requests', { type: 'access', employeeId: spareEmployee }),
        'privacy request',
      )
    ).id,
  ];
  return {
    owner,
    teams: { main, other, spare: spareTeam },
    employees: { self, main: mainEmployee, other: otherEmployee, spare: spareEmployee },
    deviceSelf: { id: deviceSelf.deviceId, token: deviceSelf.deviceToken },
    deviceSpare: deviceSpare.deviceId,
    rules,
    spare,
  };
}

function allIds(seed: OrgSeed, users: string[]): string[] {
  return [
    seed.owner.organization.id,
    seed.owner.user.id,
    ...Object.values(seed.teams),
    ...Object.values(seed.employees),
    seed.deviceSelf.id,
    seed.deviceSpare,
    ...Object.values(seed.rules),
    ...seed.spare,
    ...users,
  ];
}

function operationsOf(document: ReturnType<typeof buildOpenApiDocument>): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const content = (
        op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined
      )?.content;
      operations.push({
        id: op.operationId ?? `${method} ${path}`,
        method,
        path,
        // From the template: not every controller declares its path params in the document.
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        query: (op.parameters ?? [])
          .map((p) => p as { in: string; name: string; required?: boolean; schema?: Schema })
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        body: content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

function seedFor(operation: string, role: string): number {
  const digest = createHash('sha256').update(`${SEED}:${operation}:${role}`).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

/** Strings in a body; with `idsOnly`, those of id-named fields (teamId, userIds), which name things. */
function stringsIn(value: unknown, idsOnly: boolean, key = '', out: string[] = []): string[] {
  if (value instanceof RawJson) return out;
  if (typeof value === 'string' && (!idsOnly || /(Id|Ids)$/.test(key))) out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, idsOnly, key, out);
  else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      stringsIn((value as Record<string, unknown>)[k], idsOnly, k, out);
    }
  }
  return out;
}

const HOSTILE_PATH = [
  'not-a-uuid',
  '%E0%A4%A',
  '%00',
  encode('\u0000\u001b'),
  '..',
  'a'.repeat(3_000),
  '00000000-0000-0000-0000-000000000000',
  encode("' OR 1=1 --"),
  '__proto__',
  'constructor',
];

type Path = { path: string; named: string[] };
type Query = [string, string][];

/**
 * Valid requests, and requests hostile in exactly one place (path, query or body), the split
 * schemathesis makes between positive and negative cases: hostility everywhere at once would
 * leave few requests that reach the handlers.
 */
function requestArbitrary(
  op: Operation,
  resolve: (ref: string) => Schema,
  ids: IdPools,
): fc.Arbitrary<FuzzRequest> {
  const idValue = validArbitrary({ type: 'string', format: 'uuid' }, resolve, ids, 'id');
  const pathWith = (value: fc.Arbitrary<{ text: string; raw: string }>): fc.Arbitrary<Path> =>
    fc.tuple(...op.pathParams.map(() => value), fc.constant(null)).map((values) => {
      let path = op.path;
      const named: string[] = [];
      op.pathParams.forEach((name, i) => {
        const v = values[i] as { text: string; raw: string };
        path = path.replace(`{${name}}`, v.text);
        named.push(v.raw);
      });
      return { path, named };
    });
  const validPath = pathWith(idValue.map((v) => ({ text: encode(String(v)), raw: String(v) })));
  const hostilePath = pathWith(
    fc.oneof(
      idValue.map((v) => ({ text: encode(String(v)), raw: String(v) })),
      fc.constantFrom(...HOSTILE_PATH).map((text) => ({ text, raw: text })),
    ),
  );

  const validParam = (p: Operation['query'][number]): fc.Arbitrary<Query> =>
    validArbitrary(p.schema, resolve, ids, p.name).map((v) => [[p.name, queryText(v)]]);
  const validQuery = fc
    .tuple(
      fc.constant([] as Query),
      ...op.query.map((p) =>
        p.required ? validParam(p) : fc.oneof(validParam(p), fc.constant([] as Query)),
      ),
    )
    .map((parts) => parts.flat<Query[]>());
  const hostileParam = (name: string): fc.Arbitrary<Query> =>
    fc.oneof(
      hostileValue(ids).map((v): Query => [[name, queryText(v)]]),
      fc.constant<Query>([
        [name, ids.own[0] ?? '1'],
        [name, ids.own[1] ?? '2'],
      ]),
      fc.constant<Query>([[`${name}${'[a]'.repeat(30)}`, '1']]),
      fc.constant<Query>([[`${name}[]`, '1']]),
      fc.constant<Query>([[`${name}[__proto__][polluted]`, '1']]),
    );
  const names = [...op.query.map((p) => p.name), '__proto__', 'constructor'];
  const hostileQuery = fc
    .tuple(validQuery, fc.constantFrom(...names))
    .chain(([query, name]) =>
      hostileParam(name).map((bad) => [...query.filter(([k]) => k !== name), ...bad]),
    );

  const validBody = op.body ? validArbitrary(op.body, resolve, ids) : fc.constant(undefined);
  const hostileBodies = op.body
    ? hostileBody(validBody, ids)
    : fc.oneof(hostileValue(ids), fc.constant(nestedJson(2_000) as unknown));

  const cases: fc.WeightedArbitrary<[Path, Query, unknown]>[] = [
    { weight: 3, arbitrary: fc.tuple(validPath, validQuery, validBody) },
    { weight: 1, arbitrary: fc.tuple(validPath, hostileQuery, validBody) },
    { weight: op.body ? 2 : 1, arbitrary: fc.tuple(validPath, validQuery, hostileBodies) },
  ];
  if (op.pathParams.length > 0) {
    cases.push({ weight: 1, arbitrary: fc.tuple(hostilePath, validQuery, validBody) });
  }
  return fc.oneof(...cases).map(([p, query, body]) => ({
    path: p.path,
    query,
    body,
    named: [
      ...p.named,
      ...query.filter(([k]) => /(Id|Ids)$/.test(k)).map(([, v]) => v),
      ...stringsIn(body, true),
    ],
    echoed: [...p.named, ...query.flat(), ...stringsIn(body, false)],
  }));
}

type Kind = 'team' | 'employee' | 'user' | 'rule' | 'other';

/** What an id-named field or a path's `{id}` refers to, from its name or the segment before it. */
function kindOf(name: string): Kind {
  if (/team/i.test(name)) return 'team';
  if (/employee|legal-holds/i.test(name)) return 'employee';
  if (/^users$|userId|UserId/.test(name)) return 'user';
  if (/productivity-rules/.test(name)) return 'rule';
  return 'other';
}

function replaceIds(value: unknown, pick: (name: string) => string, key = ''): unknown {
  if (typeof value === 'string' && /(Id|Ids)$/.test(key)) return pick(key);
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, pick, key));
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v, pick, k)]));
  }
  return value;
}

/**
 * A valid request whose every id names the target: organization B's resource of the right kind,
 * or a team or employee outside a manager's or employee's scope. Random cases find these rarely.
 */
function probeRequest(
  op: Operation,
  resolve: (ref: string) => Schema,
  ids: IdPools,
  seed: number,
  target: (name: string) => string,
): FuzzRequest {
  let path = op.path;
  const named: string[] = [];
  for (const param of op.pathParams) {
    const segment = /\/([\w-]+)\/\{\w+\}/.exec(path)?.[1] ?? param;
    const id = target(segment);
    path = path.replace(`{${param}}`, encode(id));
    named.push(id);
  }
  const query: [string, string][] = [];
  for (const p of op.query) {
    if (/(Id|Ids)$/.test(p.name)) {
      const id = target(p.name);
      query.push([p.name, id]);
      named.push(id);
    } else if (p.required) {
      const [value] = fc.sample(validArbitrary(p.schema, resolve, ids, p.name), {
        seed,
        numRuns: 1,
      });
      query.push([p.name, queryText(value)]);
    }
  }
  const [generated] = op.body
    ? fc.sample(validArbitrary(op.body, resolve, ids), { seed, numRuns: 1 })
    : [undefined];
  const body = replaceIds(generated, target);
  named.push(...stringsIn(body, true));
  return { path, query, body, named, echoed: [...named, ...stringsIn(body, false)], probe: true };
}

/** The probe's request with its body's first field nested 2,000 levels deep. */
function nestedBodyRequest(probe: FuzzRequest): FuzzRequest {
  const body = probe.body;
  const nested =
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.keys(body).length > 0
      ? { ...body, [Object.keys(body)[0]]: nestedJson(2_000) }
      : nestedJson(2_000);
  return { ...probe, body: nested, probe: false };
}

function queryText(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 2_000);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return toJsonText(value).slice(0, 2_000);
}

/** Percent-encodes every UTF-8 byte, lone surrogates included (encodeURIComponent throws on them). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
}

function queryString(query: [string, string][]): string {
  if (query.length === 0) return '';
  return `?${query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

describe(`OpenAPI fuzz on ${TEST_DB} (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`, () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true', ACCESS_TOKEN_TTL_SECONDS: '86400' });
    // One listening socket for the run instead of one per request.
    await ctx.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await ctx.close();
  });

  it(
    'never answers 5xx, always answers problems, and never crosses organizations or scopes',
    async () => {
      process.stdout.write(
        `OpenAPI fuzz: replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run fuzz:api -w backend\n`,
      );
      const a = await seedOrganization(
        ctx,
        await signUp(ctx.app, { organizationName: 'Alpha Org' }),
      );
      const bOwner = await signUp(ctx.app, { organizationName: 'Bravo Org Zq7' });
      const b = await seedOrganization(ctx, bOwner);
      const bHr = await createUserWithRole(ctx.app, bOwner.accessToken, 'hr');

      const ownerToken = a.owner.accessToken;
      const admin = await createUserWithRole(ctx.app, ownerToken, 'admin');
      const hr = await createUserWithRole(ctx.app, ownerToken, 'hr');
      const manager = await createUserWithRole(ctx.app, ownerToken, 'manager', {
        managesTeamIds: [a.teams.main],
      });
      const employee = await createUserWithRole(ctx.app, ownerToken, 'employee', {
        employeeId: a.employees.self,
      });
      const spareUser = await createUserWithRole(ctx.app, ownerToken, 'hr');

      const foreign = [...allIds(b, [bHr.user.id]), bOwner.sessionId];
      const foreignMarkers = [...foreign, 'Bravo Org Zq7', bOwner.user.email, bHr.user.email];
      const spareIds = [
        a.teams.spare,
        a.employees.spare,
        a.deviceSpare,
        a.rules.org,
        ...a.spare,
        spareUser.user.id,
      ];
      const fixtureIds = [
        ...Object.values(a.teams),
        ...Object.values(a.employees),
        ...Object.values(a.rules),
        a.deviceSelf.id,
      ];
      const everyA = allIds(
        a,
        [admin, hr, manager, employee, spareUser].map((u) => u.user.id),
      );
      // Destructive calls by the privileged roles only ever name spare resources, so the teams,
      // employees and users the scope checks rely on survive the run.
      const pools: Record<RoleName, IdPools> = {
        anonymous: { own: everyA, foreign },
        device: { own: everyA, foreign },
        employee: { own: [...fixtureIds, ...spareIds], foreign },
        manager: { own: [...fixtureIds, ...spareIds], foreign },
        hr: { own: spareIds, foreign },
        admin: { own: spareIds, foreign },
        owner: { own: spareIds, foreign },
      };
      const outOfScope: Partial<Record<RoleName, string[]>> = {
        manager: [
          a.teams.other,
          a.teams.spare,
          a.employees.other,
          a.employees.spare,
          a.rules.other,
        ],
        employee: [
          a.teams.other,
          a.teams.spare,
          a.employees.main,
          a.employees.other,
          a.employees.spare,
          a.rules.other,
        ],
      };
      const tokens: Record<RoleName, string | null> = {
        anonymous: null,
        device: a.deviceSelf.token,
        employee: employee.accessToken,
        manager: manager.accessToken,
        hr: hr.accessToken,
        admin: admin.accessToken,
        owner: ownerToken,
      };

      const inB: Record<string, string> = {
        team: b.teams.main,
        employee: b.employees.main,
        user: bHr.user.id,
        rule: b.rules.main,
        devices: b.deviceSelf.id,
        invitations: b.spare[0],
        'enrollment-tokens': b.spare[1],
        'report-subscriptions': b.spare[2],
        contacts: b.spare[3],
        notices: b.spare[4],
        requests: b.spare[5],
        sessions: bOwner.sessionId,
      };
      const foreignTarget = (name: string) => inB[kindOf(name)] ?? inB[name] ?? b.teams.main;
      const outsideOf: Record<Kind, string> = {
        team: a.teams.other,
        employee: a.employees.other,
        rule: a.rules.other,
        user: a.employees.other,
        other: a.employees.other,
      };
      const scopeTarget = (name: string) => outsideOf[kindOf(name)];
      const probeTargets: Record<RoleName, ((name: string) => string)[]> = {
        anonymous: [],
        device: [],
        employee: [foreignTarget, scopeTarget],
        manager: [foreignTarget, scopeTarget],
        hr: [],
        admin: [],
        owner: [foreignTarget],
      };

      const snapshotB = async () => {
        const lists = [
          '/api/v1/organizations/current',
          '/api/v1/teams',
          '/api/v1/employees',
          '/api/v1/users',
          '/api/v1/productivity-rules',
          '/api/v1/agent/devices',
          '/api/v1/agent/enrollment-tokens',
          '/api/v1/invitations',
          '/api/v1/report-subscriptions',
          '/api/v1/billing/contacts',
          '/api/v1/privacy/notices',
        ];
        const out: Record<string, unknown> = {};
        for (const path of lists) {
          const res = await request(server(ctx))
            .get(path)
            .set('Authorization', `Bearer ${bOwner.accessToken}`);
          out[path] = { status: res.status, body: res.body as unknown };
        }
        return out;
      };
      const before = await snapshotB();

      const document = buildOpenApiDocument(ctx.app);
      const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
      const resolve = (ref: string) => schemas[ref.replace('#/components/schemas/', '')] ?? {};
      const operations = operationsOf(document);
      const failures: string[] = [];
      // Strings organization A's callers sent in writes that succeeded (see the leak check).
      const storedByA: string[] = [];
      const exercised = new Set<string>();
      const succeeded = new Set<string>();
      const statuses: Record<string, Record<string, number>> = {};
      let requests = 0;

      for (const op of operations) {
        if (EXCLUDED[op.id]) continue;
        for (const role of ROLES) {
          const seed = seedFor(op.id, role);
          const cases = fc.sample(requestArbitrary(op, resolve, pools[role]), {
            seed,
            numRuns: RUNS,
          });
          const deviceOperation = DEVICE_OPERATIONS.has(op.id);
          const targets = deviceOperation
            ? role === 'device'
              ? [foreignTarget]
              : []
            : probeTargets[role];
          for (const target of targets) {
            const probe = probeRequest(op, resolve, pools[role], seed, target);
            if (probe.named.length > 0) cases.push(probe);
          }
          // Random cases nest deeply too, but rarely: one such body per operation and role, always.
          if (op.body && NESTED_BODY_ROLES.includes(role)) {
            const own = (name: string) => pools[role].own[0] ?? name;
            cases.push(nestedBodyRequest(probeRequest(op, resolve, pools[role], seed, own)));
          }
          for (const c of cases) {
            const url = c.path + queryString(c.query);
            let req = request(server(ctx))[op.method](url);
            const token = tokens[role];
            if (token) req = req.set('Authorization', `Bearer ${token}`);
            if (c.body !== undefined) {
              req = req.set('Content-Type', 'application/json').send(toJsonText(c.body));
            }
            const res = await req;
            requests += 1;
            exercised.add(op.id);
            if (res.status < 300) succeeded.add(op.id);
            const counts = (statuses[op.id] ??= {});
            counts[`${role}:${res.status}`] = (counts[`${role}:${res.status}`] ?? 0) + 1;
            const where = `${role} ${op.method.toUpperCase()} ${url.slice(0, 300)}`;
            const fail = (why: string) => {
              const body = c.body === undefined ? '' : ` body=${toJsonText(c.body).slice(0, 300)}`;
              failures.push(`${op.id}: ${where}${body} → ${res.status}: ${why}`);
            };
            if (res.status >= 500) {
              fail(`5xx ${res.text.slice(0, 200)}`);
              continue;
            }
            if (res.status >= 400) {
              const problem = res.body as { status?: unknown; title?: unknown; detail?: unknown };
              if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
                fail(`4xx without problem+json (${String(res.headers['content-type'])})`);
              } else if (
                problem.status !== res.status ||
                typeof problem.title !== 'string' ||
                typeof problem.detail !== 'string'
              ) {
                fail(`problem without status/title/detail: ${res.text.slice(0, 200)}`);
              }
            }
            const exempt = new Set(
              c.query
                .filter(([k]) => EMPTY_PAGE_FILTERS[op.id]?.params.includes(k))
                .map(([, v]) => v),
            );
            const named = c.named.filter((v) => !exempt.has(v));
            const hidden = [...foreign, ...(outOfScope[role] ?? [])];
            if ([...exempt].some((v) => hidden.includes(v)) && res.status < 300) {
              const page = res.body as { items?: unknown[]; total?: number };
              const csvRows = /^text\/csv/.test(String(res.headers['content-type']))
                ? res.text.split('\n').filter((line) => line.trim() !== '').length - 1
                : null;
              if (
                csvRows !== null ? csvRows > 0 : page.items?.length !== 0 || (page.total ?? 0) !== 0
              ) {
                fail(`a filter naming an id the ${role} may not see returned rows`);
              }
            }
            const prober = DEVICE_OPERATIONS.has(op.id) ? 'device' : 'owner';
            if (c.probe && role === prober && named.some((v) => foreign.includes(v))) {
              const allowed = op.body ? [400, 404] : [404];
              if (!allowed.includes(res.status)) fail(`expected 404 for organization B's ids`);
            }
            if (res.status >= 400 || role === 'anonymous') continue;
            if (op.method !== 'get') storedByA.push(...c.echoed);
            const namedForeign = named.filter((v) => foreign.includes(v));
            if (namedForeign.length > 0) {
              fail(`2xx for a request naming organization B's ${namedForeign.join(', ')}`);
            }
            // Text a caller of organization A wrote earlier may hold B's ids (a name typed as one)
            // and is rightly shown back later: only a marker nobody of A ever sent is a leak.
            const shown = foreignMarkers.filter(
              (m) =>
                res.text.includes(m) &&
                !c.echoed.some((v) => v.includes(m)) &&
                !storedByA.some((v) => v.includes(m)),
            );
            if (shown.length > 0) fail(`2xx showing organization B's ${shown.join(', ')}`);
            const outside = (outOfScope[role] ?? []).filter((id) => named.includes(id));
            if (outside.length > 0) {
              fail(`2xx naming ${outside.join(', ')} outside the ${role}'s scope`);
            }
          }
        }
      }

      const expected = operations.filter((op) => !EXCLUDED[op.id]).map((op) => op.id);
      process.stdout.write(
        `OpenAPI fuzz: ${exercised.size} of ${operations.length} operations (${Object.keys(EXCLUDED).length} excluded), ${succeeded.size} answered 2xx at least once, ${requests} requests, ${failures.length} failures\n`,
      );
      // FUZZ_VERBOSE=1 lists the answers per operation and role, to see what valid cases reach.
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`${JSON.stringify(statuses, null, 1)}\n`);
      const listed = [...Object.keys(EXCLUDED), ...Object.keys(EMPTY_PAGE_FILTERS)];
      expect(listed.filter((id) => !operations.some((op) => op.id === id))).toEqual([]);
      expect([...exercised].sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(100);
      // Valid cases must still get through: a regression that refused everything (every request a
      // 400 or 401) would otherwise pass every other check. Runs see 37–70 operations succeed.
      expect(succeeded.size).toBeGreaterThanOrEqual(Math.floor(expected.length / 4));
      expect(await snapshotB()).toEqual(before);
      expect(failures).toEqual([]);
    },
    Math.max(120_000, RUNS * 60_000),
  );
});
