import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '#src/common/auth/roles.js';

// Drives the real HTTP API, so tests set up data exactly as clients would.

export const DEFAULT_PASSWORD = 'correct-horse-battery-staple-42';

export interface SignedUp {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  user: { id: string; email: string; role: Role; organizationId: string };
  organization: { id: string; name: string };
  password: string;
}

export interface TestUser {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  user: {
    id: string;
    email: string;
    role: Role;
    organizationId: string;
    employeeId: string | null;
  };
  password: string;
}

export interface TestTeam {
  id: string;
  name: string;
}

export interface TestEmployee {
  id: string;
  fullName: string;
  email: string;
  teamId: string | null;
  timeZone: string;
}

type App = INestApplication | { getHttpServer(): unknown };

const server = (app: App) => app.getHttpServer() as Parameters<typeof request>[0];

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

function expectStatus(res: request.Response, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/**
 * A new organization and its owner. Sign-up is open only for the first organization unless the
 * app runs with ALLOW_SIGNUP=true: tests needing several use startTestApp({ ALLOW_SIGNUP: 'true' }).
 */
export async function signUp(
  app: App,
  overrides: Partial<{
    organizationName: string;
    fullName: string;
    email: string;
    password: string;
  }> = {},
): Promise<SignedUp> {
  const body = {
    organizationName: `Org ${randomUUID().slice(0, 8)}`,
    fullName: 'Olive Owner',
    email: uniqueEmail('owner'),
    password: DEFAULT_PASSWORD,
    ...overrides,
  };
  // Like API and CLI clients, tests take the refresh token in the body (the console's is a cookie).
  const res = await request(server(app))
    .post('/api/v1/auth/signup')
    .set('X-Refresh-Token-Delivery', 'body')
    .send(body);
  expectStatus(res, 201, 'signUp');
  return { ...(res.body as Omit<SignedUp, 'password'>), password: body.password };
}

export async function createTeam(app: App, token: string, name?: string): Promise<TestTeam> {
  const res = await request(server(app))
    .post('/api/v1/teams')
    .set('Authorization', `Bearer ${token}`)
    .send({ name: name ?? `Team ${randomUUID().slice(0, 8)}` });
  expectStatus(res, 201, 'createTeam');
  return res.body as TestTeam;
}

export async function createEmployee(
  app: App,
  token: string,
  fields: { fullName?: string; email?: string; teamId?: string; timeZone?: string } = {},
): Promise<TestEmployee> {
  const res = await request(server(app))
    .post('/api/v1/employees')
    .set('Authorization', `Bearer ${token}`)
    .send({ fullName: 'Eve Employee', email: uniqueEmail('employee'), ...fields });
  expectStatus(res, 201, 'createEmployee');
  return res.body as TestEmployee;
}

/** Signs in with email and password. */
export async function login(app: App, email: string, password: string): Promise<TestUser> {
  const res = await request(server(app))
    .post('/api/v1/auth/login')
    .set('X-Refresh-Token-Delivery', 'body')
    .send({ email, password });
  expectStatus(res, 200, 'login');
  return { ...(res.body as Omit<TestUser, 'password'>), password };
}

/**
 * A user of the owner's organization with the given role: invited by the owner, invitation
 * accepted with a password, then signed in. A manager can be given teams to manage; an employee
 * can be linked to a tracked person.
 */
export async function createUserWithRole(
  app: App,
  ownerToken: string,
  role: Role,
  opts: { email?: string; employeeId?: string; managesTeamIds?: string[]; password?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail(role);
  const password = opts.password ?? DEFAULT_PASSWORD;
  const invited = await request(server(app))
    .post('/api/v1/invitations')
    .set('Authorization', `Bearer ${ownerToken}`)
    .send({
      email,
      role,
      firstName: role[0].toUpperCase() + role.slice(1),
      lastName: 'Tester',
      ...(opts.employeeId ? { employeeId: opts.employeeId } : {}),
    });
  expectStatus(invited, 201, 'createUserWithRole: invite');
  const accepted = await request(server(app))
    .post('/api/v1/invitations/accept')
    .send({ token: (invited.body as { token: string }).token, password });
  expectStatus(accepted, 200, 'createUserWithRole: accept');
  const signedIn = await login(app, email, password);
  for (const teamId of opts.managesTeamIds ?? []) {
    const team = await request(server(app))
      .get(`/api/v1/teams/${teamId}`)
      .set('Authorization', `Bearer ${ownerToken}`);
    expectStatus(team, 200, 'createUserWithRole: team');
    const managers = [
      ...(team.body as { managerUserIds: string[] }).managerUserIds,
      signedIn.user.id,
    ];
    const res = await request(server(app))
      .put(`/api/v1/teams/${teamId}/managers`)
      .set('Authorization', `Bearer ${ownerToken}`)
      .send({ userIds: managers });
    expectStatus(res, 200, 'createUserWithRole: managers');
  }
  return signedIn;
}
