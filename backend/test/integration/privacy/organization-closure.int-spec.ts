import { randomUUID } from 'node:crypto';
import {
  createUserWithRole,
  DEFAULT_PASSWORD,
  signUp,
  uniqueEmail,
  type SignedUp,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { http, iso, seedPerson, type Person } from './privacy-fixtures.js';
import { DAY_MS } from '#src/common/time.js';

const CLOSED_TYPE = 'https://calltimex.dev/problems/organization-closed';

/**
 * Closing an organization starts a 30-day grace period before everything is purged. During it the
 * owner alone may sign in (to reopen it or take a last export); nobody else gets in, no agent's data
 * is taken and no new device or member joins. Reopening undoes all of that.
 */
describe('a closed organization during its grace period', () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let admin: TestUser;
  let person: Person;
  let invitationToken: string;
  let enrollmentToken: string;
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const event = () => {
    const start = Date.now() - 10 * 60_000;
    return {
      id: randomUUID(),
      kind: 'active',
      start: iso(start),
      end: iso(start + 60_000),
      app: 'Ledger',
    };
  };
  const spansOf = async (employeeId: string) =>
    Number(
      (
        await ctx.dataSource.query<{ n: number }[]>(
          'SELECT COUNT(*) AS n FROM activity_spans WHERE employeeId = ?',
          [employeeId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    person = await seedPerson(ctx, owner.accessToken, 'Clara');
    const invited = await http(ctx.app)
      .post('/api/v1/invitations')
      .set(auth(owner.accessToken))
      .send({ email: uniqueEmail('late'), role: 'hr', firstName: 'Late', lastName: 'Joiner' });
    expect(invited.status).toBe(201);
    invitationToken = invited.body.token as string;
    const enrollment = await http(ctx.app)
      .post('/api/v1/agent/enrollment-tokens')
      .set(auth(owner.accessToken))
      .send({});
    expect(enrollment.status).toBe(201);
    enrollmentToken = enrollment.body.token as string;
  });
  afterAll(() => ctx.close());

  it('an administrator cannot close it; the owner can', async () => {
    const byAdmin = await http(ctx.app)
      .post('/api/v1/privacy/organization-closure')
      .set(auth(admin.accessToken));
    expect(byAdmin.status).toBe(403);
    const closed = await http(ctx.app)
      .post('/api/v1/privacy/organization-closure')
      .set(auth(owner.accessToken));
    expect(closed.status).toBe(201);
    expect(new Date(closed.body.purgeAt).getTime() - Date.now()).toBeGreaterThan(29 * DAY_MS);
  });

  it('signs out everyone but the owner at once, and refuses their sign-in after the password', async () => {
    const me = await http(ctx.app).get('/api/v1/me').set(auth(admin.accessToken));
    expect(me.status).toBe(401);
    const refreshed = await http(ctx.app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: admin.refreshToken });
    expect(refreshed.status).toBe(401);

    const refused = await http(ctx.app)
      .post('/api/v1/auth/login')
      .send({ email: admin.user.email, password: admin.password });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: CLOSED_TYPE, status: 403 });
    expect(refused.body.detail).toContain('Only its owner can still sign in');
    expect(refused.body).not.toHaveProperty('accessToken');
    // Without the password nothing reveals that the organization is closed.
    const wrong = await http(ctx.app)
      .post('/api/v1/auth/login')
      .send({ email: admin.user.email, password: `${DEFAULT_PASSWORD}x` });
    expect(wrong.status).toBe(401);
  });

  it('takes no new member and no new device', async () => {
    const accepted = await http(ctx.app)
      .post('/api/v1/invitations/accept')
      .send({ token: invitationToken, password: DEFAULT_PASSWORD });
    expect(accepted.status).toBe(403);
    expect(accepted.body.type).toBe(CLOSED_TYPE);
    const enrolled = await http(ctx.app).post('/api/v1/agent/enroll').send({
      enrollmentToken,
      employeeEmail: person.employee.email,
      hostname: 'ws-closed',
      os: 'Linux',
      agentVersion: '1.0.0',
    });
    expect(enrolled.status).toBe(403);
    expect(enrolled.body.type).toBe(CLOSED_TYPE);
  });

  it('refuses the agents’ activity and stores none of it', async () => {
    const before = await spansOf(person.employee.id);
    const sent = await http(ctx.app)
      .post('/api/v1/agent/events')
      .set(auth(person.deviceToken))
      .send({ events: [event()] });
    expect(sent.status).toBe(403);
    expect(sent.body).toMatchObject({ type: CLOSED_TYPE, purgeAt: expect.any(String) });
    expect(await spansOf(person.employee.id)).toBe(before);
  });

  it('lets the owner in to see the closure and reopen; then everything works again', async () => {
    const ownerLogin = await http(ctx.app)
      .post('/api/v1/auth/login')
      .send({ email: owner.user.email, password: owner.password });
    expect(ownerLogin.status).toBe(200);
    const token = ownerLogin.body.accessToken as string;
    const closure = await http(ctx.app)
      .get('/api/v1/privacy/organization-closure')
      .set(auth(token));
    expect(closure.status).toBe(200);
    expect(closure.body).toEqual({
      closed: true,
      closedAt: expect.any(String),
      purgeAt: expect.any(String),
    });
    const reopened = await http(ctx.app)
      .delete('/api/v1/privacy/organization-closure')
      .set(auth(token));
    expect(reopened.status).toBe(204);
    // Open again: answered (the console asks on every page), not a 404.
    const open = await http(ctx.app).get('/api/v1/privacy/organization-closure').set(auth(token));
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ closed: false, closedAt: null, purgeAt: null });

    const adminAgain = await http(ctx.app)
      .post('/api/v1/auth/login')
      .send({ email: admin.user.email, password: admin.password });
    expect(adminAgain.status).toBe(200);
    const before = await spansOf(person.employee.id);
    const sent = await http(ctx.app)
      .post('/api/v1/agent/events')
      .set(auth(person.deviceToken))
      .send({ events: [event()] });
    expect(sent.status).toBe(200);
    expect(sent.body.accepted).toBe(1);
    expect(await spansOf(person.employee.id)).toBe(before + 1);
    const accepted = await http(ctx.app)
      .post('/api/v1/invitations/accept')
      .send({ token: invitationToken, password: DEFAULT_PASSWORD });
    expect(accepted.status).toBe(200);
  });
});
