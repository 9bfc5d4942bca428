import { startServer, type RunningServer } from './server-process.js';

interface Call {
  status: number;
  body: Record<string, unknown>;
  contentType: string;
}

const PASSWORD = 'correct-horse-battery-staple-42';

describe('accounts: two organizations on the built server cannot read each other', () => {
  let server: RunningServer;

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Call> {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      contentType: res.headers.get('content-type') ?? '',
    };
  }

  async function organization(label: string) {
    const signup = await call('POST', '/auth/signup', undefined, {
      organizationName: `Org ${label}`,
      fullName: `Owner ${label}`,
      email: `owner-${label}@example.test`,
      password: PASSWORD,
    });
    expect(signup.status).toBe(201);
    const token = signup.body.accessToken as string;
    const team = await call('POST', '/teams', token, { name: `Team ${label}` });
    expect(team.status).toBe(201);
    const employee = await call('POST', '/employees', token, {
      fullName: `Employee ${label}`,
      email: `employee-${label}@example.test`,
      teamId: team.body.id,
    });
    expect(employee.status).toBe(201);
    const invitation = await call('POST', '/invitations', token, {
      email: `manager-${label}@example.test`,
      role: 'manager',
    });
    expect(invitation.status).toBe(201);
    const accepted = await call('POST', '/invitations/accept', undefined, {
      token: invitation.body.token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    const pending = await call('POST', '/invitations', token, {
      email: `pending-${label}@example.test`,
      role: 'hr',
    });
    expect(pending.status).toBe(201);
    return {
      token,
      organizationId: (signup.body.organization as { id: string }).id,
      ownerId: (signup.body.user as { id: string }).id,
      sessionId: signup.body.sessionId as string,
      teamId: team.body.id as string,
      employeeId: employee.body.id as string,
      managerId: (accepted.body.user as { id: string }).id,
      pendingInvitationId: pending.body.id as string,
    };
  }

  let a: Awaited<ReturnType<typeof organization>>;
  let b: Awaited<ReturnType<typeof organization>>;

  beforeAll(async () => {
    server = await startServer({ ALLOW_SIGNUP: 'true' });
    a = await organization('a');
    b = await organization('b');
  }, 90_000);

  afterAll(async () => {
    await server.stop();
  });

  it('answers 404 problem+json for every id of the other organization, both ways', async () => {
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const attempts: [string, string, unknown?][] = [
        ['GET', `/teams/${other.teamId}`],
        ['PATCH', `/teams/${other.teamId}`, { name: 'Taken over' }],
        ['PUT', `/teams/${other.teamId}/managers`, { userIds: [] }],
        ['DELETE', `/teams/${other.teamId}`],
        ['GET', `/employees/${other.employeeId}`],
        ['PATCH', `/employees/${other.employeeId}`, { fullName: 'Renamed' }],
        ['POST', `/employees/${other.employeeId}/deactivate`],
        ['DELETE', `/employees/${other.employeeId}`],
        ['GET', `/employees?teamId=${other.teamId}`],
        ['GET', `/users/${other.ownerId}`],
        ['GET', `/users/${other.managerId}`],
        ['PATCH', `/users/${other.managerId}`, { role: 'employee' }],
        ['POST', `/users/${other.managerId}/deactivate`],
        ['GET', `/auth/sessions/${other.sessionId}`],
        ['DELETE', `/auth/sessions/${other.sessionId}`],
        ['DELETE', `/invitations/${other.pendingInvitationId}`],
        ['POST', '/employees', { fullName: 'X', email: 'x@example.test', teamId: other.teamId }],
        ['PUT', `/teams/${me.teamId}/managers`, { userIds: [other.managerId] }],
        [
          'POST',
          '/invitations',
          { email: 'linked@example.test', role: 'employee', employeeId: other.employeeId },
        ],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, me.token, body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        expect(res.contentType).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it("lists hold only the organization's own records", async () => {
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const lists = {
        teams: await call('GET', '/teams?pageSize=200', me.token),
        employees: await call('GET', '/employees?pageSize=200', me.token),
        users: await call('GET', '/users?pageSize=200', me.token),
        invitations: await call('GET', '/invitations?pageSize=200', me.token),
        sessions: await call('GET', '/auth/sessions', me.token),
      };
      const text = JSON.stringify(Object.values(lists).map((l) => l.body));
      for (const id of [
        other.organizationId,
        other.ownerId,
        other.managerId,
        other.teamId,
        other.employeeId,
        other.sessionId,
        other.pendingInvitationId,
      ]) {
        expect(text).not.toContain(id);
      }
      for (const list of Object.values(lists)) expect(list.status).toBe(200);
      expect((lists.teams.body.items as unknown[]).length).toBe(1);
      expect((lists.employees.body.items as unknown[]).length).toBe(1);
      const organization = await call('GET', '/organizations/current', me.token);
      expect(organization.body.id).toBe(me.organizationId);
    }
  });

  it("left the other organization's data untouched", async () => {
    for (const org of [a, b]) {
      expect((await call('GET', `/teams/${org.teamId}`, org.token)).status).toBe(200);
      const employee = await call('GET', `/employees/${org.employeeId}`, org.token);
      expect(employee.body).toMatchObject({
        status: 'active',
        fullName: expect.stringMatching(/^Employee /),
      });
      const manager = await call('GET', `/users/${org.managerId}`, org.token);
      expect(manager.body).toMatchObject({ role: 'manager', status: 'active' });
      expect((await call('GET', '/me', org.token)).status).toBe(200);
    }
  });

  it('refuses forged and missing tokens with 401', async () => {
    const [, payload] = a.token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    for (const token of [undefined, none, `${a.token}x`]) {
      const res = await call('GET', `/teams/${a.teamId}`, token);
      expect(res.status).toBe(401);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
    }
  });
});
