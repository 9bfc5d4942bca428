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

// Absence mails over a real SMTP listener: a request reaches exactly the people who can decide
// it, a decision exactly the employee, each once and in their own language.

describe(`absence mails on ${TEST_DB}`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let foreignOwner: SignedUp;
  let alpha: TestTeam;
  let beta: TestTeam;
  let admin: TestUser;
  let hr: TestUser;
  let formerHr: TestUser;
  let alphaManager: TestUser;
  let betaManager: TestUser;
  let eve: TestEmployee;
  let eveUser: TestUser;
  let colleague: TestUser;
  let boris: TestEmployee;
  let borisUser: TestUser;
  const api = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    post: (path: string, body: object = {}) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const template = (m: ReceivedMail) => m.header('X-CallTimeX-Template');
  const absenceMails = (name: string) => smtp.mails.filter((m) => template(m) === name);
  const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();
  const to = (mails: ReceivedMail[], user: { user: { email: string } }) => {
    const found = mails.filter((m) => m.to.includes(user.user.email));
    expect(found).toHaveLength(1);
    return found[0];
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
    admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    formerHr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    alphaManager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [alpha.id],
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
    const colleagueEmp = await createEmployee(ctx.app, owner.accessToken, { teamId: alpha.id });
    colleague = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: colleagueEmp.id,
    });
    boris = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Boris Beta',
      teamId: beta.id,
    });
    borisUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: boris.id,
    });
    // Languages: the owner follows the organization's (Russian); the others chose their own.
    await as(owner.accessToken)
      .patch('/api/v1/organizations/current', { locale: 'ru' })
      .expect(200);
    for (const [user, locale] of [
      [admin, 'en'],
      [hr, 'uk'],
      [alphaManager, 'uk'],
      [betaManager, 'en'],
      [eveUser, 'en'],
      [borisUser, 'ru'],
    ] as const) {
      await as(user.accessToken).patch('/api/v1/me', { locale }).expect(200);
    }
    await as(owner.accessToken).post(`/api/v1/users/${formerHr.user.id}/deactivate`).expect(200);
    await drainJobs(ctx);
  });

  afterAll(async () => {
    await jobs?.close();
    await ctx?.close();
    await smtp?.close();
  });

  it('a request mails owners, admins, HR and the team’s managers, once each, in their language', async () => {
    const res = await as(eveUser.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-07-06',
        to: '2026-07-17',
        kind: 'vacation',
        note: 'Family <trip>',
      })
      .expect(201);
    expect(res.body.status).toBe('requested');
    const expected = [owner, admin, hr, alphaManager];
    await eventually(() => absenceMails('absence-requested').length >= expected.length);
    await drainJobs(ctx);
    const mails = absenceMails('absence-requested');
    // Nobody else: not the requester, a colleague, the other team's manager, a deactivated HR
    // user or another organization.
    expect(recipients(mails)).toEqual(expected.map((u) => u.user.email).sort());

    const ru = to(mails, owner);
    expect(ru.parsed.subject).toBe(
      'Запрос на отсутствие: Eve Alpha, 6 июля 2026 г. – 17 июля 2026 г.',
    );
    expect(ru.parsed.text).toContain(
      'Eve Alpha запрашивает отсутствие: отпуск с 6 июля 2026 г. по 17 июля 2026 г. (10 рабочих дней).',
    );
    // 20 days a year by default, 10 of them asked for here.
    expect(ru.parsed.text).toContain(
      'Дней отпуска в 2026 году останется, если запрос одобрят: 10.',
    );
    expect(ru.parsed.text).toContain('Комментарий: Family <trip>');
    expect(ru.parsed.html).toContain('Family &lt;trip&gt;');
    const en = to(mails, admin);
    expect(en.parsed.subject).toBe('Absence request from Eve Alpha: 6 July 2026 – 17 July 2026');
    expect(en.parsed.text).toContain('(10 working days)');
    expect(en.parsed.text).toContain(
      'Approve or reject it in CallTimeX: https://ctx.example/absences',
    );
    expect(to(mails, hr).parsed.subject).toBe(
      'Запит на відсутність: Eve Alpha, 6 липня 2026 р. – 17 липня 2026 р.',
    );
    expect(to(mails, alphaManager).parsed.text).toContain('(10 робочих днів)');
    for (const mail of mails) {
      expect(mail.parsed.html).toContain('href="https://ctx.example/absences"');
    }
  });

  it('a decision mails the employee alone, once, in their language', async () => {
    const requested = await as(eveUser.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-08-03',
        to: '2026-08-03',
        kind: 'other',
      })
      .expect(201);
    await drainJobs(ctx);
    const before = absenceMails('absence-decided').length;
    await as(alphaManager.accessToken)
      .post(`/api/v1/absences/${requested.body.id}/approve`)
      .expect(200);
    // Approving again changes nothing and mails nobody.
    await as(owner.accessToken).post(`/api/v1/absences/${requested.body.id}/approve`).expect(200);
    await eventually(() => absenceMails('absence-decided').length > before);
    await drainJobs(ctx);
    const decided = absenceMails('absence-decided').slice(before);
    expect(recipients(decided)).toEqual([eveUser.user.email]);
    expect(decided[0].parsed.subject).toBe(
      'Your absence is approved: 3 August 2026 – 3 August 2026',
    );
    expect(decided[0].parsed.text).toContain(
      'Manager Tester approved your request: other absence from 3 August 2026 to 3 August 2026.',
    );
    expect(decided[0].parsed.text).toContain('Open absences: https://ctx.example/absences');
  });

  it('another team’s request goes to its own manager; a rejection reaches the employee in Russian', async () => {
    const beforeRequested = absenceMails('absence-requested').length;
    const beforeDecided = absenceMails('absence-decided').length;
    const requested = await as(borisUser.accessToken)
      .post('/api/v1/absences', {
        employeeId: boris.id,
        from: '2026-09-07',
        to: '2026-09-08',
        kind: 'sick',
      })
      .expect(201);
    await eventually(() => absenceMails('absence-requested').length >= beforeRequested + 4);
    await drainJobs(ctx);
    const asked = absenceMails('absence-requested').slice(beforeRequested);
    expect(recipients(asked)).toEqual(
      [owner, admin, hr, betaManager].map((u) => u.user.email).sort(),
    );
    // A sick day says nothing of vacation days left.
    expect(to(asked, betaManager).parsed.text).toContain(
      'Boris Beta asks for an absence: sick leave from 7 September 2026 to 8 September 2026 (2 working days).',
    );
    expect(to(asked, betaManager).parsed.text).not.toContain('Vacation days left');

    await as(hr.accessToken).post(`/api/v1/absences/${requested.body.id}/reject`).expect(200);
    await eventually(() => absenceMails('absence-decided').length > beforeDecided);
    await drainJobs(ctx);
    const decided = absenceMails('absence-decided').slice(beforeDecided);
    expect(recipients(decided)).toEqual([borisUser.user.email]);
    expect(decided[0].parsed.subject).toBe(
      'Ваш запрос на отсутствие отклонён: 7 сентября 2026 г. – 8 сентября 2026 г.',
    );
    expect(decided[0].parsed.text).toContain('Hr Tester отклоняет ваш запрос: больничный');
  });

  it('an absence HR files is approved at once and mails no one; refusals mail no one', async () => {
    const before = smtp.mails.length;
    await as(hr.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-10-05',
        to: '2026-10-09',
        kind: 'vacation',
      })
      .expect(201);
    // Overlapping, someone else's, another organization's: refused, nothing sent.
    await as(eveUser.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-10-09',
        to: '2026-10-12',
        kind: 'vacation',
      })
      .expect(409);
    await as(colleague.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-11-02',
        to: '2026-11-02',
        kind: 'vacation',
      })
      .expect(404);
    await as(foreignOwner.accessToken)
      .post('/api/v1/absences', {
        employeeId: eve.id,
        from: '2026-11-02',
        to: '2026-11-02',
        kind: 'vacation',
      })
      .expect(404);
    await drainJobs(ctx);
    expect(smtp.mails.length).toBe(before);
  });
});
