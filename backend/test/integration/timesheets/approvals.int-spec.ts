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
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { startSmtpListener, type ReceivedMail } from '../notifications/smtp-listener.js';
import { enrollDevice, sendEvents } from '../reports/report-fixtures.js';

// The whole approval flow of manual time and timesheets over HTTP, with a real SMTP listener: bad
// input answers 4xx and changes nothing; who may decide what; mails reach each side in their language.

const WEEK = { from: '2026-11-23', to: '2026-11-29' };

describe(`manual time and timesheet approvals on ${TEST_DB}`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let foreignOwner: SignedUp;
  let alpha: TestTeam;
  let beta: TestTeam;
  let hr: TestUser;
  let alphaManager: TestUser;
  let betaManager: TestUser;
  let eve: TestEmployee;
  let eveUser: TestUser;
  let managerSelf: TestEmployee;
  const api = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (path: string) => api().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) =>
      api().put(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => api().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const template = (m: ReceivedMail) => m.header('X-CallTimeX-Template');
  const mailsOf = (name: string) => smtp.mails.filter((m) => template(m) === name);
  const eveEntries = async () =>
    (
      await as(owner.accessToken)
        .get(`/api/v1/time-entries?employeeId=${eve.id}&from=${WEEK.from}&to=${WEEK.to}`)
        .expect(200)
    ).body.items as { id: string; status: string }[];
  const expectProblem = (res: request.Response, status: number, detail?: RegExp): void => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status });
    if (detail) expect(String(res.body.detail)).toMatch(detail);
  };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    ctx = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://ctx.example',
      ALLOW_SIGNUP: 'true',
    });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    foreignOwner = await signUp(ctx.app);
    alpha = await createTeam(ctx.app, owner.accessToken, 'Alpha');
    beta = await createTeam(ctx.app, owner.accessToken, 'Beta');
    hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    managerSelf = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Mona Manager',
      teamId: alpha.id,
    });
    alphaManager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [alpha.id],
      employeeId: managerSelf.id,
    });
    betaManager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [beta.id],
    });
    eve = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Eve Alpha',
      teamId: alpha.id,
    });
    eveUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: eve.id,
    });
    for (const [user, locale] of [
      [hr, 'en'],
      [alphaManager, 'uk'],
      [betaManager, 'en'],
      [eveUser, 'ru'],
    ] as const) {
      await as(user.accessToken).patch('/api/v1/me', { locale }).expect(200);
    }
    // Tracked: active 09:00–10:00 UTC on Tuesday, then idle until 11:00.
    const device = await enrollDevice(ctx.app, owner.accessToken, eve.email);
    const sent = await sendEvents(ctx.app, device, [
      {
        id: randomUUID(),
        kind: 'active',
        start: '2026-11-24T09:00:00Z',
        end: '2026-11-24T10:00:00Z',
        app: 'code',
      },
      {
        id: randomUUID(),
        kind: 'idle',
        start: '2026-11-24T10:00:00Z',
        end: '2026-11-24T11:00:00Z',
      },
    ]);
    expect(sent.accepted).toBe(2);
    await drainJobs(ctx);
  }, 60_000);

  afterAll(async () => {
    await jobs?.close();
    await ctx?.close();
    await smtp?.close();
  });

  it('refuses bad entries with a problem and stores nothing', async () => {
    const eveApi = as(eveUser.accessToken);
    const base = {
      start: '2026-11-24T10:00:00Z',
      end: '2026-11-24T11:00:00Z',
      kind: 'meeting',
    };
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, end: base.start }),
      400,
      /end must be after start/,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, end: '2026-11-23T11:00:00Z' }),
      400,
      /end must be after start/,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, end: '2026-11-25T10:00:01Z' }),
      400,
      /at most 24 hours/,
    );
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const soon = new Date(Date.now() + 1_800_000).toISOString();
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, start: soon, end: later }),
      400,
      /future/,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, note: 'x'.repeat(1001) }),
      400,
      /note must be at most 1000/,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, start: '2026-11-24T10:00:00' }),
      400,
      /offset/,
    );
    expectProblem(await eveApi.post('/api/v1/time-entries', { ...base, billable: true }), 400);
    expectProblem(await eveApi.post('/api/v1/time-entries', { ...base, kind: 'nap' }), 400);
    // Tracked active time 09:00–10:00: an entry reaching into it is a conflict.
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, start: '2026-11-24T09:59:00Z' }),
      409,
      /tracked as active/,
    );
    // A project of another organization (or an unknown one) is not found.
    const foreignProject = await as(foreignOwner.accessToken)
      .post('/api/v1/projects', { name: 'Their project' })
      .expect(201);
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, projectId: foreignProject.body.id }),
      404,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, projectId: randomUUID() }),
      404,
    );
    // A locked month keeps its hours.
    await as(owner.accessToken).post('/api/v1/periods/2026-10/lock').expect(200);
    expectProblem(
      await eveApi.post('/api/v1/time-entries', {
        ...base,
        start: '2026-10-14T10:00:00Z',
        end: '2026-10-14T11:00:00Z',
      }),
      409,
      /2026-10|October|locked/,
    );
    expectProblem(
      await eveApi.post('/api/v1/time-entries', { ...base, taskId: randomUUID() }),
      400,
      /task needs its projectId/,
    );
    // Someone else's employee: another organization's, or outside the caller's scope.
    const stranger = await createEmployee(ctx.app, foreignOwner.accessToken, {});
    expectProblem(
      await as(owner.accessToken).post('/api/v1/time-entries', {
        ...base,
        employeeId: stranger.id,
      }),
      404,
    );
    expectProblem(
      await as(betaManager.accessToken).post('/api/v1/time-entries', {
        ...base,
        employeeId: eve.id,
      }),
      404,
    );
    expect(await eveEntries()).toEqual([]);
  });

  it('an idle stretch becomes a pending meeting; overlapping it is refused', async () => {
    const res = await as(eveUser.accessToken)
      .post('/api/v1/time-entries', {
        start: '2026-11-24T10:00:00Z',
        end: '2026-11-24T11:00:00Z',
        kind: 'meeting',
        note: 'Sprint <review>',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      employeeId: eve.id,
      day: '2026-11-24',
      seconds: 3600,
      kind: 'meeting',
      status: 'pending',
      createdByUserId: eveUser.user.id,
    });
    expectProblem(
      await as(eveUser.accessToken).post('/api/v1/time-entries', {
        start: '2026-11-24T10:30:00+00:00',
        end: '2026-11-24T12:00:00+00:00',
        kind: 'call',
      }),
      409,
      /overlaps/,
    );
    expect(await eveEntries()).toHaveLength(1);

    // Deciders hear of it, each in their language; the other team's manager and Eve do not.
    await eventually(() => mailsOf('timesheet-approval-requested').length >= 3);
    await drainJobs(ctx);
    const mails = mailsOf('timesheet-approval-requested');
    expect(mails.flatMap((m) => m.to).sort()).toEqual(
      [owner.user.email, hr.user.email, alphaManager.user.email].sort(),
    );
    const uk = mails.find((m) => m.to.includes(alphaManager.user.email))!;
    expect(uk.parsed.subject).toMatch(/^Ручний час від Eve Alpha/);
    expect(uk.parsed.text).toContain('Sprint <review>');
    expect(uk.parsed.text).toContain('https://ctx.example/timesheets/approvals');
    const en = mails.find((m) => m.to.includes(hr.user.email))!;
    expect(en.parsed.subject).toMatch(/^Manual time from Eve Alpha/);
    expect(en.parsed.text).toContain('(1 h 00 min)');
  }, 60_000);

  it('only a decider in scope decides an entry, never their own', async () => {
    const [entry] = await eveEntries();
    expectProblem(
      await as(eveUser.accessToken).post(`/api/v1/time-entries/${entry.id}/approve`),
      403,
      /own/,
    );
    expectProblem(
      await as(betaManager.accessToken).post(`/api/v1/time-entries/${entry.id}/approve`),
      404,
    );
    expectProblem(
      await as(foreignOwner.accessToken).post(`/api/v1/time-entries/${entry.id}/approve`),
      404,
    );
    expect((await eveEntries())[0].status).toBe('pending');

    // The manager's own entry: they cannot approve it.
    const own = await as(alphaManager.accessToken)
      .post('/api/v1/time-entries', {
        start: '2026-11-25T08:00:00Z',
        end: '2026-11-25T09:00:00Z',
        kind: 'call',
      })
      .expect(201);
    expect(own.body.status).toBe('pending');
    expectProblem(
      await as(alphaManager.accessToken).post(`/api/v1/time-entries/${own.body.id}/approve`),
      403,
      /own/,
    );
    // HR approves it instead.
    await as(hr.accessToken).post(`/api/v1/time-entries/${own.body.id}/approve`).expect(200);

    const decided = await as(alphaManager.accessToken)
      .post(`/api/v1/time-entries/${entry.id}/reject`, { comment: 'Not a meeting' })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'rejected', decisionComment: 'Not a meeting' });
    // Deciding again the other way is a conflict; the same way is harmless.
    expectProblem(await as(hr.accessToken).post(`/api/v1/time-entries/${entry.id}/approve`), 409);
    await as(hr.accessToken).post(`/api/v1/time-entries/${entry.id}/reject`).expect(200);

    await eventually(() =>
      mailsOf('timesheet-approval-decided').some((m) => m.to.includes(eveUser.user.email)),
    );
    const ru = mailsOf('timesheet-approval-decided').find((m) =>
      m.to.includes(eveUser.user.email),
    )!;
    expect(ru.parsed.subject).toMatch(/отклонено$/);
    expect(ru.parsed.text).toContain('Комментарий: Not a meeting');

    // The employee corrects it: it waits for approval again, and the change is audited.
    const changed = await as(eveUser.accessToken)
      .patch(`/api/v1/time-entries/${entry.id}`, {
        kind: 'call',
        reason: 'It was a client call',
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      status: 'pending',
      kind: 'call',
      updatedByUserId: eveUser.user.id,
    });
    const audit = await as(owner.accessToken)
      .get(`/api/v1/audit?subjectEmployeeId=${eve.id}&action=time-entry.updated`)
      .expect(200);
    expect(audit.body.items[0].details).toMatchObject({
      reason: 'It was a client call',
      before: { kind: 'meeting', status: 'rejected' },
      after: { kind: 'call', status: 'pending' },
    });
  }, 60_000);

  it('a week: tracked and manual side by side, submitted, sent back, approved', async () => {
    const eveApi = as(eveUser.accessToken);
    const sheet = await eveApi.get('/api/v1/timesheets?day=2026-11-26').expect(200);
    expect(sheet.body).toMatchObject({
      employeeId: eve.id,
      period: 'weekly',
      periodStart: WEEK.from,
      periodEnd: WEEK.to,
      status: 'open',
      trackedSeconds: 3600,
      manualSeconds: 0,
      pendingSeconds: 3600,
      canSubmit: true,
      canDecide: false,
    });
    expect(sheet.body.days).toHaveLength(7);
    const row = sheet.body.rows.find((r: { projectId: string | null }) => r.projectId === null);
    expect(row.cells[1]).toEqual({
      day: '2026-11-24',
      trackedSeconds: 3600,
      manualSeconds: 0,
      pendingSeconds: 3600,
    });

    // Nobody else submits it; Eve does.
    const submitted = await eveApi
      .post('/api/v1/timesheets/submit', { day: '2026-11-24' })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', canSubmit: false });
    const id = submitted.body.id as string;
    expectProblem(await eveApi.post('/api/v1/timesheets/submit', { day: WEEK.to }), 409);
    // Its time is held while it waits.
    expectProblem(
      await eveApi.post('/api/v1/time-entries', {
        start: '2026-11-26T07:00:00Z',
        end: '2026-11-26T08:00:00Z',
        kind: 'other',
      }),
      409,
      /submitted/,
    );

    // The inbox: Eve's manager and HR see it; the other manager does not; employees have none.
    const inbox = await as(alphaManager.accessToken)
      .get('/api/v1/timesheets/approvals')
      .expect(200);
    expect(inbox.body.timesheets.map((t: { id: string }) => t.id)).toEqual([id]);
    expect(inbox.body.entries.map((e: { employeeId: string }) => e.employeeId)).toEqual([eve.id]);
    const other = await as(betaManager.accessToken).get('/api/v1/timesheets/approvals').expect(200);
    expect(other.body).toEqual({ timesheets: [], entries: [] });
    expectProblem(await eveApi.get('/api/v1/timesheets/approvals'), 403);

    expectProblem(await eveApi.post(`/api/v1/timesheets/${id}/approve`), 403, /own/);
    expectProblem(await as(betaManager.accessToken).post(`/api/v1/timesheets/${id}/approve`), 404);
    expectProblem(
      await as(alphaManager.accessToken).post(`/api/v1/timesheets/${id}/return`, {}),
      400,
    );
    const returned = await as(alphaManager.accessToken)
      .post(`/api/v1/timesheets/${id}/return`, { comment: 'Add Thursday’s site visit' })
      .expect(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      comment: 'Add Thursday’s site visit',
    });
    await eventually(() =>
      mailsOf('timesheet-approval-decided').some(
        (m) => m.to.includes(eveUser.user.email) && m.parsed.text!.includes('Add Thursday'),
      ),
    );

    // Eve adds the visit and submits again; HR approves: the pending entries count now.
    await eveApi
      .post('/api/v1/time-entries', {
        start: '2026-11-26T13:00:00Z',
        end: '2026-11-26T16:00:00Z',
        kind: 'work',
        note: 'Site visit',
      })
      .expect(201);
    await eveApi.post('/api/v1/timesheets/submit', { day: WEEK.from }).expect(200);
    const approved = await as(hr.accessToken)
      .post(`/api/v1/timesheets/${id}/approve`, { comment: 'Thanks' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      trackedSeconds: 3600,
      manualSeconds: 4 * 3600,
      pendingSeconds: 0,
    });
    expect((await eveEntries()).map((e) => e.status)).toEqual(['approved', 'approved']);
    expectProblem(
      await as(alphaManager.accessToken).post(`/api/v1/timesheets/${id}/return`, {
        comment: 'late',
      }),
      409,
    );
    const entries = await eveEntries();
    expectProblem(await eveApi.delete(`/api/v1/time-entries/${entries[0].id}`), 409);
    const actions = (
      await as(owner.accessToken).get(`/api/v1/audit?subjectEmployeeId=${eve.id}`).expect(200)
    ).body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'time-entry.created',
        'time-entry.rejected',
        'timesheet.submitted',
        'timesheet.returned',
        'timesheet.approved',
      ]),
    );
  }, 60_000);

  it('an entry on a project shows in that project’s row; the timesheet is HR’s to see', async () => {
    const project = await as(owner.accessToken)
      .post('/api/v1/projects', { name: 'Website' })
      .expect(201);
    const entry = await as(eveUser.accessToken)
      .post('/api/v1/time-entries', {
        start: '2026-12-01T07:00:00Z',
        end: '2026-12-01T08:30:00Z',
        kind: 'work',
        projectId: project.body.id,
      })
      .expect(201);
    expect(entry.body).toMatchObject({ projectId: project.body.id, status: 'pending' });
    // Time is booked to it: the project is archived, not deleted.
    expectProblem(await as(owner.accessToken).delete(`/api/v1/projects/${project.body.id}`), 409);
    const sheet = await as(hr.accessToken)
      .get(`/api/v1/timesheets?employeeId=${eve.id}&day=2026-12-01`)
      .expect(200);
    expect(sheet.body).toMatchObject({ canSubmit: false, canDecide: false, status: 'open' });
    const row = sheet.body.rows.find(
      (r: { projectId: string | null }) => r.projectId === project.body.id,
    );
    expect(row).toMatchObject({ pendingSeconds: 5400, trackedSeconds: 0 });
    // The other team's manager and another organization do not see it.
    expectProblem(
      await as(betaManager.accessToken).get(`/api/v1/timesheets?employeeId=${eve.id}`),
      404,
    );
    expectProblem(
      await as(foreignOwner.accessToken).get(`/api/v1/timesheets?employeeId=${eve.id}`),
      404,
    );
    // Moved to no project by the employee: still pending, audited.
    const moved = await as(eveUser.accessToken)
      .patch(`/api/v1/time-entries/${entry.body.id}`, { projectId: null, reason: 'wrong project' })
      .expect(200);
    expect(moved.body).toMatchObject({ projectId: null, taskId: null, status: 'pending' });
  }, 60_000);

  it('an organization that trusts manual time counts entries at once', async () => {
    expectProblem(
      await as(eveUser.accessToken).put('/api/v1/timesheets/settings', { trustManualTime: true }),
      403,
    );
    await as(hr.accessToken)
      .put('/api/v1/timesheets/settings', { trustManualTime: true })
      .expect(200);
    const res = await as(eveUser.accessToken)
      .post('/api/v1/time-entries', {
        start: '2026-11-30T13:00:00Z',
        end: '2026-11-30T14:00:00Z',
        kind: 'call',
      })
      .expect(201);
    expect(res.body.status).toBe('approved');
    const sheet = await as(eveUser.accessToken)
      .get('/api/v1/timesheets?day=2026-11-30')
      .expect(200);
    expect(sheet.body).toMatchObject({
      manualSeconds: 3600,
      // The project entry above still waits: trust counts new entries, it decides no old ones.
      pendingSeconds: 5400,
      trustManualTime: true,
    });
    // Eve deletes it; the deletion is audited.
    await as(eveUser.accessToken).delete(`/api/v1/time-entries/${res.body.id}`).expect(204);
    const audit = await as(owner.accessToken)
      .get(`/api/v1/audit?action=time-entry.deleted`)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      targetId: res.body.id,
      actorUserId: eveUser.user.id,
    });
  }, 60_000);
});
