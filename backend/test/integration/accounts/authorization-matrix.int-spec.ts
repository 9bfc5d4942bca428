import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '#src/common/auth/roles.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestTeam,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { enrollDevice, sendEvents } from '../reports/report-fixtures.js';

// Every role against every scoped endpoint and every kind of id: no filter, team A (the manager's
// and the employee's team), team B, another organization's team or employee, an id that does not
// exist. Outside the caller's scope is 404, exactly like another organization's; a role without
// the permission is 403; inside the scope the answer holds nobody the caller may not see.

const DAY = '2026-03-02';
const ROLES = ['owner', 'admin', 'hr', 'manager', 'employee'] as const satisfies readonly Role[];
type MatrixRole = (typeof ROLES)[number];
const ORG_WIDE: readonly MatrixRole[] = ['owner', 'admin', 'hr'];

const TEAM_TARGETS = ['none', 'teamA', 'teamB', 'foreignTeam', 'missingTeam'] as const;
type TeamTarget = (typeof TEAM_TARGETS)[number];
const EMPLOYEE_TARGETS = ['empA', 'empA2', 'empB', 'foreignEmployee', 'missingEmployee'] as const;
type EmployeeTarget = (typeof EMPLOYEE_TARGETS)[number];
const RULE_TARGETS = ['orgRule', 'teamARule', 'teamBRule', 'foreignRule', 'missingRule'] as const;
type RuleTarget = (typeof RULE_TARGETS)[number];
type Target = TeamTarget | EmployeeTarget | RuleTarget;

interface World {
  owner: SignedUp;
  foreignOwner: SignedUp;
  tokens: Record<MatrixRole, string>;
  teams: Record<'teamA' | 'teamB' | 'foreignTeam', TestTeam>;
  employees: Record<'empA' | 'empA2' | 'empB' | 'foreignEmployee', TestEmployee>;
  rules: Record<'orgRule' | 'teamARule' | 'teamBRule' | 'foreignRule', string>;
}

function seesTeam(role: MatrixRole, t: TeamTarget): boolean {
  if (t === 'none') return true;
  if (t === 'foreignTeam' || t === 'missingTeam') return false;
  // A manager manages team A; an employee belongs to it (their own team gives their own data).
  return ORG_WIDE.includes(role) || t === 'teamA';
}

function seesEmployee(role: MatrixRole, e: EmployeeTarget): boolean {
  if (e === 'foreignEmployee' || e === 'missingEmployee') return false;
  if (ORG_WIDE.includes(role)) return true;
  if (role === 'manager') return e === 'empA' || e === 'empA2';
  return e === 'empA';
}

/** Privacy: only owner/admin/hr act for others; the manager here has no tracked person. */
function privacySees(role: MatrixRole, e: EmployeeTarget): boolean {
  if (e === 'foreignEmployee' || e === 'missingEmployee') return false;
  if (ORG_WIDE.includes(role)) return true;
  return role === 'employee' && e === 'empA';
}

function seesRule(role: MatrixRole, r: RuleTarget): boolean {
  if (r === 'orgRule') return true;
  if (r === 'teamARule') return seesTeam(role, 'teamA');
  if (r === 'teamBRule') return seesTeam(role, 'teamB');
  return false;
}

/** The employees a role may see, within an optional team. */
function visibleEmployees(w: World, role: MatrixRole, team?: 'teamA' | 'teamB'): string[] {
  return (['empA', 'empA2', 'empB'] as const)
    .filter((e) => seesEmployee(role, e))
    .map((e) => w.employees[e])
    .filter((e) => !team || e.teamId === w.teams[team].id)
    .map((e) => e.id)
    .sort();
}

function teamId(w: World, t: TeamTarget): string | undefined {
  if (t === 'none') return undefined;
  return t === 'missingTeam' ? randomUUID() : w.teams[t].id;
}

function employeeId(w: World, e: EmployeeTarget): string {
  return e === 'missingEmployee' ? randomUUID() : w.employees[e].id;
}

function ruleId(w: World, r: RuleTarget): string {
  return r === 'missingRule' ? randomUUID() : w.rules[r];
}

interface Endpoint {
  name: string;
  /** Roles whose permissions allow the route at all; the others get 403. */
  roles: readonly MatrixRole[];
  targets: readonly Target[];
  ok: number;
  sees(role: MatrixRole, target: Target): boolean;
  call(
    w: World,
    api: () => request.Agent,
    role: MatrixRole,
    target: Target,
  ): Promise<request.Response>;
  /** For answers inside the scope: what the body may hold. */
  check?(w: World, role: MatrixRole, target: Target, body: Record<string, unknown>): void;
}

const asTeam = (t: Target) => t as TeamTarget;
const asEmployee = (t: Target) => t as EmployeeTarget;
const asRule = (t: Target) => t as RuleTarget;
const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
const teamOf = (t: TeamTarget) => (t === 'teamA' || t === 'teamB' ? t : undefined);
const rowIds = (rows: unknown) =>
  (rows as { employeeId: string }[]).map((r) => r.employeeId).sort();
const RULE_READERS: readonly MatrixRole[] = ['owner', 'admin', 'hr', 'manager'];
const RULE_MANAGERS: readonly MatrixRole[] = ['owner', 'admin'];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /employees?teamId',
    roles: ROLES,
    targets: TEAM_TARGETS,
    ok: 200,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .get(`/api/v1/employees?${query({ teamId: teamId(w, asTeam(t)), pageSize: '100' })}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, role, t, body) => {
      const ids = (body.items as { id: string }[]).map((e) => e.id).sort();
      expect(ids).toEqual(visibleEmployees(w, role, teamOf(asTeam(t))));
    },
  },
  {
    name: 'GET /employees/{id}',
    roles: ROLES,
    targets: EMPLOYEE_TARGETS,
    ok: 200,
    sees: (role, e) => seesEmployee(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .get(`/api/v1/employees/${employeeId(w, asEmployee(e))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, e, body) => expect(body.id).toBe(employeeId(w, asEmployee(e))),
  },
  {
    name: 'GET /teams/{id}',
    roles: ['owner', 'admin', 'hr', 'manager'],
    targets: TEAM_TARGETS.filter((t) => t !== 'none'),
    ok: 200,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .get(`/api/v1/teams/${teamId(w, asTeam(t))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, t, body) => expect(body.id).toBe(teamId(w, asTeam(t))),
  },
  {
    name: 'GET /teams',
    roles: ['owner', 'admin', 'hr', 'manager'],
    targets: ['none'],
    ok: 200,
    sees: () => true,
    call: (w, api, role) =>
      api().get('/api/v1/teams?pageSize=100').set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, role, _t, body) => {
      const ids = (body.items as { id: string }[]).map((t) => t.id).sort();
      const visible = ORG_WIDE.includes(role) ? [w.teams.teamA, w.teams.teamB] : [w.teams.teamA];
      expect(ids).toEqual(visible.map((t) => t.id).sort());
    },
  },
  {
    name: 'GET /productivity-rules?teamId',
    roles: RULE_READERS,
    targets: TEAM_TARGETS,
    ok: 200,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .get(`/api/v1/productivity-rules?${query({ teamId: teamId(w, asTeam(t)) })}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, role, t, body) => {
      const items = body.items as { id: string; teamId: string | null }[];
      const ids = items.map((r) => r.id);
      const team = teamOf(asTeam(t));
      if (team) expect(items.every((r) => r.teamId === w.teams[team].id)).toBe(true);
      else expect(ids).toContain(w.rules.orgRule);
      for (const r of ['teamARule', 'teamBRule'] as const) {
        const expected = seesRule(role, r) && (!team || r === `${team}Rule`);
        expect([r, ids.includes(w.rules[r])]).toEqual([r, expected]);
      }
      expect(ids).not.toContain(w.rules.foreignRule);
    },
  },
  {
    name: 'GET /productivity-rules/{id}',
    roles: RULE_READERS,
    targets: RULE_TARGETS,
    ok: 200,
    sees: (role, r) => seesRule(role, asRule(r)),
    call: (w, api, role, r) =>
      api()
        .get(`/api/v1/productivity-rules/${ruleId(w, asRule(r))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, r, body) => expect(body.id).toBe(ruleId(w, asRule(r))),
  },
  {
    name: 'POST /productivity-rules {teamId}',
    roles: RULE_MANAGERS,
    targets: TEAM_TARGETS,
    ok: 201,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .post('/api/v1/productivity-rules')
        .set('Authorization', `Bearer ${w.tokens[role]}`)
        .send({
          kind: 'site',
          pattern: `matrix-${role}.example.test`,
          productivity: 'neutral',
          teamId: teamId(w, asTeam(t)),
        }),
    check: (w, _role, t, body) => expect(body.teamId).toBe(teamId(w, asTeam(t)) ?? null),
  },
  {
    name: 'PATCH /productivity-rules/{id}',
    roles: RULE_MANAGERS,
    targets: RULE_TARGETS,
    ok: 200,
    sees: (role, r) => seesRule(role, asRule(r)),
    call: (w, api, role, r) =>
      api()
        .patch(`/api/v1/productivity-rules/${ruleId(w, asRule(r))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`)
        .send({ productivity: 'productive' }),
    check: (w, _role, r, body) => expect(body.id).toBe(ruleId(w, asRule(r))),
  },
  {
    name: 'DELETE /productivity-rules/{id} (a fresh rule of that scope)',
    roles: RULE_MANAGERS,
    targets: RULE_TARGETS,
    ok: 204,
    sees: (role, r) => seesRule(role, asRule(r)),
    call: async (w, api, role, target) => {
      const r = asRule(target);
      let id: string = randomUUID();
      if (r !== 'missingRule') {
        const foreign = r === 'foreignRule';
        const team = {
          teamARule: 'teamA',
          teamBRule: 'teamB',
          foreignRule: 'foreignTeam',
        } as const;
        const created = await api()
          .post('/api/v1/productivity-rules')
          .set(
            'Authorization',
            `Bearer ${foreign ? w.foreignOwner.accessToken : w.owner.accessToken}`,
          )
          .send({
            kind: 'app',
            pattern: `Matrix Delete ${randomUUID().slice(0, 8)}`,
            productivity: 'neutral',
            ...(r === 'orgRule' ? {} : { teamId: w.teams[team[r]].id }),
          })
          .expect(201);
        id = created.body.id as string;
      }
      return api()
        .delete(`/api/v1/productivity-rules/${id}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`);
    },
  },
  {
    name: 'GET /reports/summary?teamId',
    roles: ROLES,
    targets: TEAM_TARGETS,
    ok: 200,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .get(
          `/api/v1/reports/summary?${query({ from: DAY, to: DAY, teamId: teamId(w, asTeam(t)) })}`,
        )
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, role, t, body) =>
      expect(rowIds(body.rows)).toEqual(visibleEmployees(w, role, teamOf(asTeam(t)))),
  },
  {
    name: 'GET /reports/usage?teamId',
    roles: ROLES,
    targets: TEAM_TARGETS,
    ok: 200,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .get(`/api/v1/reports/usage?${query({ from: DAY, to: DAY, teamId: teamId(w, asTeam(t)) })}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, role, t, body) => {
      // Each employee used an application named after them: the names show whose time is in it.
      const names = (body.rows as { name: string }[]).map((r) => r.name).sort();
      const expected = visibleEmployees(w, role, teamOf(asTeam(t))).map((id) => appOf(w, id));
      expect(names).toEqual(expected.sort());
    },
  },
  {
    name: 'GET /reports/usage?employeeId',
    roles: ROLES,
    targets: EMPLOYEE_TARGETS,
    ok: 200,
    sees: (role, e) => seesEmployee(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .get(
          `/api/v1/reports/usage?${query({ from: DAY, to: DAY, employeeId: employeeId(w, asEmployee(e)) })}`,
        )
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, e, body) =>
      expect((body.rows as { name: string }[]).map((r) => r.name)).toEqual([
        appOf(w, employeeId(w, asEmployee(e))),
      ]),
  },
  {
    name: 'GET /reports/timeline?employeeId',
    roles: ROLES,
    targets: EMPLOYEE_TARGETS,
    ok: 200,
    sees: (role, e) => seesEmployee(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .get(
          `/api/v1/reports/timeline?${query({ day: DAY, employeeId: employeeId(w, asEmployee(e)) })}`,
        )
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, e, body) => {
      expect(body.employeeId).toBe(employeeId(w, asEmployee(e)));
      expect(body.activeSeconds).toBe(600);
    },
  },
  {
    name: 'POST /report-subscriptions {teamId}',
    roles: ROLES,
    targets: TEAM_TARGETS,
    ok: 201,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .post('/api/v1/report-subscriptions')
        .set('Authorization', `Bearer ${w.tokens[role]}`)
        .send({ frequency: 'weekly', format: 'csv', teamId: teamId(w, asTeam(t)) }),
    check: (w, _role, t, body) => expect(body.teamId).toBe(teamId(w, asTeam(t)) ?? null),
  },
  {
    name: 'POST /exports {filters.teamId}',
    roles: ROLES,
    targets: TEAM_TARGETS.filter((t) => t !== 'none'),
    ok: 202,
    sees: (role, t) => seesTeam(role, asTeam(t)),
    call: (w, api, role, t) =>
      api()
        .post('/api/v1/exports')
        .set('Authorization', `Bearer ${w.tokens[role]}`)
        .send({
          report: 'summary',
          format: 'csv',
          from: DAY,
          to: DAY,
          filters: { teamId: teamId(w, asTeam(t)) },
        }),
    check: (_w, _role, _t, body) => expect(body.id).toEqual(expect.any(String)),
  },
  {
    name: 'POST /exports {filters.employeeId}',
    roles: ROLES,
    targets: EMPLOYEE_TARGETS,
    ok: 202,
    sees: (role, e) => seesEmployee(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .post('/api/v1/exports')
        .set('Authorization', `Bearer ${w.tokens[role]}`)
        .send({
          report: 'usage',
          format: 'csv',
          from: DAY,
          to: DAY,
          filters: { employeeId: employeeId(w, asEmployee(e)) },
        }),
    check: (_w, _role, _e, body) => expect(body.id).toEqual(expect.any(String)),
  },
  {
    name: 'GET /privacy/requests?employeeId',
    roles: ROLES,
    targets: EMPLOYEE_TARGETS,
    ok: 200,
    sees: (role, e) => privacySees(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .get(`/api/v1/privacy/requests?employeeId=${employeeId(w, asEmployee(e))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, e, body) =>
      expect(
        (body.items as { employeeId: string }[]).every(
          (r) => r.employeeId === employeeId(w, asEmployee(e)),
        ),
      ).toBe(true),
  },
  {
    name: 'GET /agent/devices?employeeId',
    roles: ['owner', 'admin'],
    targets: EMPLOYEE_TARGETS,
    ok: 200,
    sees: (role, e) => seesEmployee(role, asEmployee(e)),
    call: (w, api, role, e) =>
      api()
        .get(`/api/v1/agent/devices?employeeId=${employeeId(w, asEmployee(e))}`)
        .set('Authorization', `Bearer ${w.tokens[role]}`),
    check: (w, _role, e, body) =>
      expect((body.items as { employeeId: string }[]).map((d) => d.employeeId)).toEqual([
        employeeId(w, asEmployee(e)),
      ]),
  },
];

function appOf(w: World, id: string): string {
  const name = Object.entries(w.employees).find(([, e]) => e.id === id)?.[0];
  return `Matrix App ${name ?? 'unknown'}`;
}

const CASES = ENDPOINTS.flatMap((endpoint) =>
  ROLES.flatMap((role) =>
    endpoint.targets.map((target) => {
      const expected = !endpoint.roles.includes(role)
        ? 403
        : endpoint.sees(role, target)
          ? endpoint.ok
          : 404;
      return [
        `${role} ${endpoint.name} ${target} → ${expected}`,
        endpoint,
        role,
        target,
        expected,
      ] as const;
    }),
  ),
);

describe(`authorization matrix on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let w: World;
  const api = () => request.agent(ctx.app.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    const owner = await signUp(ctx.app);
    const foreignOwner = await signUp(ctx.app);
    const teamA = await createTeam(ctx.app, owner.accessToken, 'Matrix A');
    const teamB = await createTeam(ctx.app, owner.accessToken, 'Matrix B');
    const foreignTeam = await createTeam(ctx.app, foreignOwner.accessToken, 'Matrix A');
    const employees = {
      empA: await createEmployee(ctx.app, owner.accessToken, { teamId: teamA.id }),
      empA2: await createEmployee(ctx.app, owner.accessToken, { teamId: teamA.id }),
      empB: await createEmployee(ctx.app, owner.accessToken, { teamId: teamB.id }),
      foreignEmployee: await createEmployee(ctx.app, foreignOwner.accessToken, {
        teamId: foreignTeam.id,
      }),
    };
    const rule = async (token: string, team?: TestTeam) => {
      const res = await api()
        .post('/api/v1/productivity-rules')
        .set('Authorization', `Bearer ${token}`)
        .send({
          kind: 'site',
          pattern: `matrix-${team?.name.replace(' ', '-').toLowerCase() ?? 'org'}.example.test`,
          productivity: 'productive',
          ...(team ? { teamId: team.id } : {}),
        })
        .expect(201);
      return res.body.id as string;
    };
    const rules = {
      orgRule: await rule(owner.accessToken),
      teamARule: await rule(owner.accessToken, teamA),
      teamBRule: await rule(owner.accessToken, teamB),
      foreignRule: await rule(foreignOwner.accessToken, foreignTeam),
    };
    const tokens = {
      owner: owner.accessToken,
      admin: (await createUserWithRole(ctx.app, owner.accessToken, 'admin')).accessToken,
      hr: (await createUserWithRole(ctx.app, owner.accessToken, 'hr')).accessToken,
      manager: (
        await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
          managesTeamIds: [teamA.id],
        })
      ).accessToken,
      employee: (
        await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
          employeeId: employees.empA.id,
        })
      ).accessToken,
    };
    w = {
      owner,
      foreignOwner,
      tokens,
      teams: { teamA, teamB, foreignTeam },
      employees,
      rules,
    };
    // Ten minutes of one application per employee, named after them, so every report shows whose
    // time it holds.
    for (const [key, e] of Object.entries(employees)) {
      const ownerToken = key === 'foreignEmployee' ? foreignOwner.accessToken : owner.accessToken;
      const device = await enrollDevice(ctx.app, ownerToken, e.email);
      const sent = await sendEvents(ctx.app, device, [
        {
          id: randomUUID(),
          kind: 'active',
          start: `${DAY}T10:00:00Z`,
          end: `${DAY}T10:10:00Z`,
          app: `Matrix App ${key}`,
        },
      ]);
      expect(sent.accepted).toBe(1);
    }
    // A privacy request for empA, so the employee's own list has something in it.
    await api()
      .post('/api/v1/privacy/requests')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ type: 'access', employeeId: employees.empA.id })
      .expect(201);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it.each(CASES)('%s', async (_name, endpoint, role, target, expected) => {
    const res = await endpoint.call(w, api, role, target);
    expect([res.status, res.body]).toEqual([expected, expect.anything()]);
    if (expected >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: expected, title: expect.any(String) });
      // Nothing of the target leaks into the problem.
      expect(JSON.stringify(res.body)).not.toContain('Matrix');
    } else if (endpoint.check) {
      endpoint.check(w, role, target, res.body as Record<string, unknown>);
    }
  });

  it('answers a 404 outside the scope exactly like an id that does not exist', async () => {
    const strip = (body: Record<string, unknown>) => {
      const { instance: _i, correlationId: _c, ...rest } = body;
      return rest;
    };
    const otherTeam = await api()
      .get(`/api/v1/employees?teamId=${w.teams.teamB.id}`)
      .set('Authorization', `Bearer ${w.tokens.employee}`)
      .expect(404);
    const missing = await api()
      .get(`/api/v1/employees?teamId=${randomUUID()}`)
      .set('Authorization', `Bearer ${w.tokens.employee}`)
      .expect(404);
    expect(strip(otherTeam.body)).toEqual(strip(missing.body));
    const otherRule = await api()
      .get(`/api/v1/productivity-rules/${w.rules.teamBRule}`)
      .set('Authorization', `Bearer ${w.tokens.manager}`)
      .expect(404);
    const missingRule = await api()
      .get(`/api/v1/productivity-rules/${randomUUID()}`)
      .set('Authorization', `Bearer ${w.tokens.manager}`)
      .expect(404);
    expect(strip(otherRule.body)).toEqual(strip(missingRule.body));
  });

  it("subscribes an employee to their own team's report, never to another team's", async () => {
    const subscribe = (team: TestTeam) =>
      api()
        .post('/api/v1/report-subscriptions')
        .set('Authorization', `Bearer ${w.tokens.employee}`)
        .send({ frequency: 'monthly', teamId: team.id });
    await subscribe(w.teams.teamB).expect(404);
    await subscribe(w.teams.foreignTeam).expect(404);
    await subscribe(w.teams.teamA).expect(201);
    const list = await api()
      .get('/api/v1/report-subscriptions')
      .set('Authorization', `Bearer ${w.tokens.employee}`)
      .expect(200);
    const monthly = (list.body.items as { frequency: string; teamId: string | null }[])
      .filter((s) => s.frequency === 'monthly')
      .map((s) => s.teamId);
    expect(monthly).toEqual([w.teams.teamA.id]);
  });
});
