import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestTeam,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { ProjectsService } from '#src/modules/projects/projects.service.js';
import { ProjectTimeService } from '#src/modules/projects/project-time.service.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { enrollDevice, sendEvents } from '../reports/report-fixtures.js';

const DAY = '2026-03-02';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

describe(`projects on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let other: SignedUp;
  let team: TestTeam;
  let alice: TestEmployee;
  let bob: TestEmployee;
  let aliceUser: TestUser;
  let manager: TestUser;
  const api = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (path: string) => api().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => api().delete(path).set('Authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
    team = await createTeam(ctx.app, owner.accessToken, 'Delivery');
    alice = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Alice',
      timeZone: 'UTC',
      teamId: team.id,
    });
    bob = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Bob', timeZone: 'UTC' });
    aliceUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: alice.id,
    });
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [team.id],
    });
    const device = await enrollDevice(ctx.app, owner.accessToken, alice.email);
    await sendEvents(ctx.app, device, [
      // 1 h in Jira on PROJ-123, 30 min on the client's site, 1 h in Excel, 30 min in Slack.
      {
        id: randomUUID(),
        kind: 'active',
        start: at('09:00'),
        end: at('10:00'),
        app: 'Firefox',
        url: 'https://acme.atlassian.net/browse/PROJ-123',
        title: 'PROJ-123 Fix login',
      },
      {
        id: randomUUID(),
        kind: 'active',
        start: at('10:00'),
        end: at('10:30'),
        app: 'Firefox',
        url: 'https://shop.acme.com/',
        title: 'Shop',
      },
      {
        id: randomUUID(),
        kind: 'active',
        start: at('10:30'),
        end: at('11:30'),
        app: 'Excel',
        title: 'budget.xlsx',
      },
      { id: randomUUID(), kind: 'idle', start: at('11:30'), end: at('12:00') },
      {
        id: randomUUID(),
        kind: 'active',
        start: at('12:00'),
        end: at('12:30'),
        app: 'Slack',
        title: 'general',
      },
    ]);
    const bobDevice = await enrollDevice(ctx.app, owner.accessToken, bob.email);
    await sendEvents(ctx.app, bobDevice, [
      {
        id: randomUUID(),
        kind: 'active',
        start: at('09:00'),
        end: at('11:00'),
        app: 'Excel',
        title: 'PROJ-7 plan',
      },
    ]);
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
  });

  let clientId: string;
  let projectId: string;
  let otherProjectId: string;
  let taskId: string;

  it('creates clients, projects, tasks and members; rejects bad input with 400/404', async () => {
    const o = as(owner.accessToken);
    const client = await o.post('/api/v1/clients', { name: 'Acme', domain: 'https://Acme.com/x' });
    expect(client.status).toBe(201);
    expect(client.body).toMatchObject({ name: 'Acme', domain: 'acme.com', archived: false });
    clientId = client.body.id;
    const project = await o.post('/api/v1/projects', {
      name: 'Website',
      clientId,
      code: 'PROJ',
      billable: true,
      hourlyRate: 100,
      budgetHours: 10,
      budgetEndsOn: '2099-12-31',
    });
    expect(project.status).toBe(201);
    expect(project.body).toMatchObject({
      name: 'Website',
      hourlyRate: 100,
      budgetHours: 10,
      billable: true,
    });
    projectId = project.body.id;
    const internal = await o.post('/api/v1/projects', { name: 'Internal', billable: false });
    otherProjectId = internal.body.id;
    const task = await o.post(`/api/v1/projects/${projectId}/tasks`, { name: 'Bugs' });
    expect(task.status).toBe(201);
    taskId = task.body.id;
    expect((await o.get(`/api/v1/projects/${projectId}/tasks`)).body.items).toHaveLength(1);
    const member = await o.post(`/api/v1/projects/${projectId}/members`, { teamId: team.id });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({ kind: 'team', teamId: team.id, employeeId: null });
    expect(
      (await o.post(`/api/v1/projects/${projectId}/members`, { teamId: team.id })).status,
    ).toBe(409);

    const bad = await o.post('/api/v1/projects', { name: 'X', hourlyRate: -1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors[0].path).toBe('hourlyRate');
    expect(
      (await o.post('/api/v1/projects', { name: 'X', budgetEndsOn: '2020-01-01' })).status,
    ).toBe(400);
    expect((await o.post('/api/v1/projects', { name: 'X', extra: 1 })).status).toBe(400);
    expect((await o.post('/api/v1/projects', { name: 'X', clientId: randomUUID() })).status).toBe(
      404,
    );
    expect((await o.patch(`/api/v1/projects/${projectId}`, { hourlyRate: -5 })).status).toBe(400);
    // Another organization's ids are 404 both ways.
    const theirs = await as(other.accessToken).post('/api/v1/projects', { name: 'Theirs' });
    expect((await o.get(`/api/v1/projects/${theirs.body.id}`)).status).toBe(404);
    expect((await as(other.accessToken).get(`/api/v1/projects/${projectId}`)).status).toBe(404);
    expect((await as(other.accessToken).get(`/api/v1/projects/${projectId}/tasks`)).status).toBe(
      404,
    );
    expect(
      (
        await o.post('/api/v1/allocation-rules', {
          kind: 'app',
          pattern: 'x',
          projectId: theirs.body.id,
        })
      ).status,
    ).toBe(404);
  });

  it('scopes by role: managers read, employees see projects they are members of', async () => {
    expect((await as(manager.accessToken).get('/api/v1/projects')).body.items).toHaveLength(2);
    expect((await as(manager.accessToken).post('/api/v1/projects', { name: 'No' })).status).toBe(
      403,
    );
    // Alice is in the member team of Website; Internal has no members (open to everyone).
    const mine = await as(aliceUser.accessToken).get('/api/v1/projects');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { name: string }) => p.name).sort()).toEqual([
      'Internal',
      'Website',
    ]);
    await as(owner.accessToken).post(`/api/v1/projects/${otherProjectId}/members`, {
      employeeId: bob.id,
    });
    const after = await as(aliceUser.accessToken).get('/api/v1/projects');
    expect(after.body.items.map((p: { name: string }) => p.name)).toEqual(['Website']);
    expect((await as(aliceUser.accessToken).get(`/api/v1/projects/${otherProjectId}`)).status).toBe(
      404,
    );
    expect((await as(aliceUser.accessToken).get('/api/v1/allocation-rules')).status).toBe(403);
  });

  it('assertBookable: 404 other org / unknown task, 403 not a member, 409 archived', async () => {
    const svc = ctx.app.get(ProjectsService);
    const org = owner.organization.id;
    await expect(svc.assertBookable(org, projectId, taskId, alice.id)).resolves.toBeUndefined();
    await expect(
      svc.assertBookable(other.organization.id, projectId, null, alice.id),
    ).rejects.toMatchObject({ status: 404 });
    await expect(svc.assertBookable(org, projectId, randomUUID(), alice.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(svc.assertBookable(org, projectId, null, bob.id)).rejects.toMatchObject({
      status: 403,
      code: 'not-project-member',
    });
    const archived = await as(owner.accessToken).post('/api/v1/projects', { name: 'Old' });
    await as(owner.accessToken).patch(`/api/v1/projects/${archived.body.id}`, { archived: true });
    await expect(svc.assertBookable(org, archived.body.id, null, alice.id)).rejects.toMatchObject({
      status: 409,
    });
    expect(
      (await as(owner.accessToken).delete(`/api/v1/projects/${archived.body.id}`)).status,
    ).toBe(204);
  });

  it('allocates tracked time by rules with precedence, retroactively, and reports it', async () => {
    const o = as(owner.accessToken);
    const time = ctx.app.get(ProjectTimeService);
    const before = await time.allocatedTime(owner.organization.id, { from: DAY, to: DAY });
    expect(before.every((r) => r.projectId === null)).toBe(true);
    expect(before.reduce((a, r) => a + r.seconds, 0)).toBe(
      3 * 3600 + 2 * 3600, // Alice 3 h, Bob 2 h
    );

    const rules = [
      { kind: 'title', pattern: 'PROJ-*', projectId, taskId },
      { kind: 'site', pattern: 'acme.com', projectId },
      { kind: 'app', pattern: 'excel', projectId: otherProjectId },
    ];
    const ids: string[] = [];
    for (const r of rules) {
      const res = await o.post('/api/v1/allocation-rules', r);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    expect(
      (await o.post('/api/v1/allocation-rules', { kind: 'site', pattern: 'not a host', projectId }))
        .status,
    ).toBe(400);
    expect(
      (await o.post('/api/v1/allocation-rules', { kind: 'bogus', pattern: 'x', projectId })).status,
    ).toBe(400);
    // Deleting a project rules allocate to: 409, archive instead.
    const del = await o.delete(`/api/v1/projects/${projectId}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/archive/);

    const rows = await time.allocatedTime(owner.organization.id, {
      employeeIds: [alice.id],
      from: DAY,
      to: DAY,
    });
    const by = (p: string | null, t: string | null = null) =>
      rows.filter((r) => r.projectId === p && r.taskId === t).reduce((a, r) => a + r.seconds, 0);
    expect(by(projectId, taskId)).toBe(3600); // title rule beats the site rule (atlassian is not acme)
    expect(by(projectId)).toBe(1800); // subdomain of the client's site
    expect(by(otherProjectId)).toBe(3600);
    expect(by(null)).toBe(1800); // Slack: unallocated
    // Bob's Excel title has a PROJ key: the title rule beats the app rule.
    const bobRows = await time.allocatedTime(owner.organization.id, {
      employeeIds: [bob.id],
      from: DAY,
      to: DAY,
    });
    expect(bobRows).toEqual([{ employeeId: bob.id, day: DAY, projectId, taskId, seconds: 7200 }]);

    const report = await o.get(`/api/v1/reports/projects?from=${DAY}&to=${DAY}&groupBy=project`);
    expect(report.status).toBe(200);
    expect(report.body.totalSeconds).toBe(4 * 3600 + 3 * 1800 - 1800);
    const website = report.body.rows.find((r: { id: string }) => r.id === projectId);
    expect(website).toMatchObject({
      seconds: 3600 + 1800 + 7200,
      billableSeconds: 12600,
      amount: 350,
      budgetHours: 10,
      budgetUsedPercent: 35,
    });
    const internal = report.body.rows.find((r: { id: string }) => r.id === otherProjectId);
    expect(internal).toMatchObject({ seconds: 3600, billableSeconds: 0, amount: 0 });
    expect(report.body.unallocatedSeconds).toBe(1800);
    const byClient = await o.get(`/api/v1/reports/projects?from=${DAY}&to=${DAY}&groupBy=client`);
    expect(byClient.body.rows.find((r: { id: string }) => r.id === clientId).seconds).toBe(12600);
    const byEmployee = await o.get(
      `/api/v1/reports/projects?from=${DAY}&to=${DAY}&groupBy=employee`,
    );
    expect(
      byEmployee.body.rows
        .map((r: { seconds: number }) => r.seconds)
        .sort((a: number, b: number) => a - b),
    ).toEqual([7200, 10800]);
    // The manager sees their team (Alice) only; an employee themself.
    const managed = await as(manager.accessToken).get(
      `/api/v1/reports/projects?from=${DAY}&to=${DAY}&groupBy=employee`,
    );
    expect(managed.body.rows.map((r: { id: string }) => r.id)).toEqual([alice.id]);
    expect(
      (
        await as(aliceUser.accessToken).get(
          `/api/v1/reports/projects?from=${DAY}&to=${DAY}&employeeId=${bob.id}`,
        )
      ).status,
    ).toBe(404);
    expect((await o.get(`/api/v1/reports/projects?from=${DAY}&to=2026-03-01`)).status).toBe(400);

    // A rule change reallocates past time at once.
    expect((await o.delete(`/api/v1/allocation-rules/${ids[0]}`)).status).toBe(204);
    const after = await time.allocatedTime(owner.organization.id, {
      employeeIds: [bob.id],
      from: DAY,
      to: DAY,
    });
    expect(after).toEqual([
      { employeeId: bob.id, day: DAY, projectId: otherProjectId, taskId: null, seconds: 7200 },
    ]);
  });

  it('lets the employee allocate unallocated time of their day in bulk', async () => {
    const me = as(aliceUser.accessToken);
    const day = await me.get(`/api/v1/project-time/day?day=${DAY}`);
    expect(day.status).toBe(200);
    expect(day.body.activeSeconds).toBe(3 * 3600);
    const open = day.body.pieces.filter((x: { projectId: string | null }) => x.projectId === null);
    expect(day.body.unallocatedSeconds).toBe(
      open.reduce((a: number, x: { seconds: number }) => a + x.seconds, 0),
    );
    const res = await me.post('/api/v1/project-time/allocations', {
      projectId,
      ranges: open.map((x: { start: string; end: string }) => ({ start: x.start, end: x.end })),
    });
    expect(res.status).toBe(201);
    const again = await me.get(`/api/v1/project-time/day?day=${DAY}`);
    expect(again.body.unallocatedSeconds).toBe(0);
    // Not a member of Internal (members: Bob) → 403; bad range → 400.
    expect(
      (
        await me.post('/api/v1/project-time/allocations', {
          projectId: otherProjectId,
          ranges: [{ start: at('09:00'), end: at('10:00') }],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await me.post('/api/v1/project-time/allocations', {
          projectId,
          ranges: [{ start: at('10:00'), end: at('09:00') }],
        })
      ).status,
    ).toBe(400);
    const rows = await ctx.app
      .get(ProjectTimeService)
      .allocatedTime(owner.organization.id, { employeeIds: [alice.id], from: DAY, to: DAY });
    expect(rows.find((r) => r.projectId === null)).toBeUndefined();
    expect(rows.reduce((a, r) => a + r.seconds, 0)).toBe(3 * 3600);
    // Undo restores the rules' allocation.
    for (const o of res.body.items)
      expect((await me.delete(`/api/v1/project-time/allocations/${o.id}`)).status).toBe(204);
    expect((await me.get(`/api/v1/project-time/day?day=${DAY}`)).body.unallocatedSeconds).toBe(
      day.body.unallocatedSeconds,
    );
  });

  it('archives instead of deleting, and refuses booking to archived tasks', async () => {
    const o = as(owner.accessToken);
    expect((await o.delete(`/api/v1/clients/${clientId}`)).status).toBe(409);
    expect((await o.patch(`/api/v1/clients/${clientId}`, { archived: true })).body.archived).toBe(
      true,
    );
    expect(
      (await o.patch(`/api/v1/projects/${projectId}/tasks/${taskId}`, { archived: true })).body
        .archived,
    ).toBe(true);
    await expect(
      ctx.app
        .get(ProjectsService)
        .assertBookable(owner.organization.id, projectId, taskId, alice.id),
    ).rejects.toMatchObject({ status: 409 });
    const p = await o.patch(`/api/v1/projects/${projectId}`, { archived: true });
    expect(p.body.archived).toBe(true);
    expect(
      (await o.get('/api/v1/projects?archived=false')).body.items.map((x: { id: string }) => x.id),
    ).not.toContain(projectId);
  });
});
