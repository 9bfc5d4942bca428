import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { lastCompletePeriod } from '#src/modules/exports/periods.js';
import { ReportSubscriptionsService } from '#src/modules/exports/report-subscriptions.service.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { startSmtpListener } from '../notifications/smtp-listener.js';
import { enrollDevice, sendEvents } from '../reports/report-fixtures.js';

describe('scheduled reports', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let teamId: string;
  const week = lastCompletePeriod('weekly', 'UTC', Date.now());
  const http = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (url: string) => http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => http().post(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => http().delete(url).set('Authorization', `Bearer ${token}`),
  });
  const dispatch = () => ctx.app.get(ReportSubscriptionsService).dispatch();

  beforeAll(async () => {
    smtp = await startSmtpListener();
    ctx = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://ctx.example' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app, { organizationName: 'Weekly Org' });
    teamId = (await createTeam(ctx.app, owner.accessToken, 'Night shift')).id;
    const employee = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Nina Night',
      teamId,
    });
    const device = await enrollDevice(ctx.app, owner.accessToken, employee.email);
    const start = Date.parse(`${week.from}T09:00:00Z`);
    await sendEvents(ctx.app, device, [
      {
        id: randomUUID(),
        kind: 'active',
        start: new Date(start).toISOString(),
        end: new Date(start + 2 * 3_600_000).toISOString(),
        app: 'Code',
      },
    ]);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
    await smtp.close();
  });

  it('subscriptions: create, list, delete, validation and scope', async () => {
    const created = await as(owner.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'monthly', format: 'csv', delivery: 'link' })
      .expect(201);
    expect(created.body).toMatchObject({
      frequency: 'monthly',
      format: 'csv',
      teamId: null,
      delivery: 'link',
      lastPeriodFrom: null,
    });
    const list = await as(owner.accessToken).get('/api/v1/report-subscriptions').expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    for (const bad of [
      {},
      { frequency: 'daily' },
      { frequency: 'weekly', format: 'doc' },
      { frequency: 'weekly', teamId: 'x' },
      { frequency: 'weekly', extra: 1 },
    ]) {
      await as(owner.accessToken).post('/api/v1/report-subscriptions').send(bad).expect(400);
    }
    await as(owner.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'weekly', teamId: randomUUID() })
      .expect(404);
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
    await as(manager.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'weekly', teamId })
      .expect(404);
    await as(manager.accessToken)
      .delete(`/api/v1/report-subscriptions/${created.body.id}`)
      .expect(404);
    await as(owner.accessToken)
      .delete(`/api/v1/report-subscriptions/${created.body.id}`)
      .expect(204);
    await as(owner.accessToken)
      .delete(`/api/v1/report-subscriptions/${created.body.id}`)
      .expect(404);
    await http().get('/api/v1/report-subscriptions').expect(401);
  });

  it('the worker renders last week once and mails it with the file attached and an unsubscribe link', async () => {
    const sub = await as(owner.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'weekly', format: 'xlsx', teamId })
      .expect(201);
    await dispatch();
    await dispatch();
    const mail = await eventually(() =>
      smtp.mails.find((m) => m.header('X-CallTimeX-Template') === 'scheduled-report'),
    );
    await drainJobs(ctx);
    expect(
      smtp.mails.filter((m) => m.header('X-CallTimeX-Template') === 'scheduled-report'),
    ).toHaveLength(1);
    expect(mail.parsed.subject).toMatch(/^Weekly summary: /);
    expect(mail.parsed.text).toContain('Night shift');
    expect(mail.parsed.text).toContain('Employees with activity: 1');
    expect(mail.parsed.text).toContain('Active time: 2 h 00 min');
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.attachments).toHaveLength(1);
    expect(mail.parsed.attachments[0].filename).toBe(
      `calltimex-summary-${week.from}-${week.to}.xlsx`,
    );
    expect(mail.parsed.attachments[0].content.subarray(0, 2).toString()).toBe('PK');
    const listed = await as(owner.accessToken).get('/api/v1/report-subscriptions').expect(200);
    expect(listed.body.items.find((s: { id: string }) => s.id === sub.body.id).lastPeriodFrom).toBe(
      week.from,
    );
  });

  it('sends nothing to someone who turned report mail off', async () => {
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    await as(hr.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'weekly' })
      .expect(201);
    await http()
      .put('/api/v1/notifications/preferences')
      .set('Authorization', `Bearer ${hr.accessToken}`)
      .send({ reports: false })
      .expect(200);
    await dispatch();
    await drainJobs(ctx);
    const rows: { n: number }[] = await ctx.dataSource.query(
      'SELECT COUNT(*) AS n FROM report_exports WHERE requestedByUserId = ?',
      [hr.user.id],
    );
    expect(Number(rows[0].n)).toBe(0);
    // Their invitation mail may arrive as well; no scheduled report may.
    const toHr = smtp.mails.filter((m) => m.to.includes(hr.user.email));
    expect(toHr.filter((m) => m.header('X-CallTimeX-Template') !== 'invitation')).toHaveLength(0);
  });

  it('an attendance subscription is accepted and its report delivered by mail', async () => {
    for (const report of ['timeline', 'attendances', 1]) {
      const res = await as(owner.accessToken)
        .post('/api/v1/report-subscriptions')
        .send({ frequency: 'weekly', report });
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    }
    const sub = await as(owner.accessToken)
      .post('/api/v1/report-subscriptions')
      .send({ frequency: 'weekly', format: 'csv', report: 'attendance', teamId })
      .expect(201);
    expect(sub.body).toMatchObject({ report: 'attendance', format: 'csv', teamId });
    const listed = await as(owner.accessToken).get('/api/v1/report-subscriptions').expect(200);
    expect(listed.body.items.find((s: { id: string }) => s.id === sub.body.id).report).toBe(
      'attendance',
    );
    await dispatch();
    const name = `calltimex-attendance-${week.from}-${week.to}.csv`;
    const mail = await eventually(() =>
      smtp.mails.find((m) => m.parsed.attachments.some((a) => a.filename === name)),
    );
    await drainJobs(ctx);
    expect(mail.header('X-CallTimeX-Template')).toBe('scheduled-report');
    expect(mail.parsed.text).toContain('Night shift');
    // The mail still quotes the week's activity: Nina's two hours.
    expect(mail.parsed.text).toContain('Employees with activity: 1');
    expect(mail.parsed.text).toContain('Active time: 2 h 00 min');
    const csv = mail.parsed.attachments
      .find((a) => a.filename === name)!
      .content.toString('utf8')
      .trim()
      .split('\r\n');
    // A header and Nina's seven days; no schedule, so her worked Monday is a worked day off.
    expect(csv).toHaveLength(8);
    expect(csv[1]).toMatch(/^Nina Night,\d\d\/\d\d\/\d{4},Worked day off,0\.00,2\.00,/);
    expect(csv.slice(2).every((line) => line.includes(',Day off,'))).toBe(true);
    expect(
      smtp.mails.filter((m) => m.parsed.attachments.some((a) => a.filename === name)),
    ).toHaveLength(1);
  });
});
