import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditService } from '#src/modules/audit/audit.service.js';
import {
  createEmployee,
  createUserWithRole,
  login,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

describe('audit log', () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let other: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('records sign-ins, rule changes and views of one person’s timeline, with ids only', async () => {
    await login(ctx.app, owner.user.email, owner.password);
    const rule = await http()
      .post('/api/v1/productivity-rules')
      .set(auth(owner.accessToken))
      .send({ kind: 'site', pattern: 'github.com', productivity: 'productive' });
    expect(rule.status).toBe(201);
    const employee = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Vera Viewed' });
    const user = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: employee.id,
    });
    const timeline = await http()
      .get(`/api/v1/reports/timeline?employeeId=${employee.id}&day=2026-11-02`)
      .set(auth(owner.accessToken));
    expect(timeline.status).toBe(200);

    const exported = await http()
      .post('/api/v1/exports')
      .set(auth(owner.accessToken))
      .send({
        report: 'timeline',
        format: 'csv',
        from: '2026-11-02',
        to: '2026-11-02',
        filters: { employeeId: employee.id },
      });
    expect(exported.status).toBeLessThan(300);

    const log = await http().get('/api/v1/audit?pageSize=100').set(auth(owner.accessToken));
    expect(log.status).toBe(200);
    const actions = (log.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.sign-in',
        'rule.created',
        'data.viewed',
        'employee.created',
        'export.created',
      ]),
    );
    const exportEntry = (log.body.items as { action: string; subjectEmployeeId: string }[]).find(
      (e) => e.action === 'export.created',
    );
    expect(exportEntry?.subjectEmployeeId).toBe(employee.id);
    // Stored with ids only; the answer resolves the names now.
    const stored: unknown = await ctx.dataSource.query(
      'SELECT * FROM audit_entries WHERE organizationId = ?',
      [owner.organization.id],
    );
    expect(JSON.stringify(stored)).not.toContain(owner.user.email);
    expect(JSON.stringify(stored)).not.toContain('Vera Viewed');
    expect(exportEntry).toMatchObject({
      actorEmail: owner.user.email,
      subjectEmployeeName: 'Vera Viewed',
      actorName: expect.any(String),
    });

    const views = await http().get('/api/v1/me/data-views').set(auth(user.accessToken));
    expect(views.status).toBe(200);
    expect(views.body.items).toEqual([
      expect.objectContaining({
        viewerUserId: owner.user.id,
        viewerRole: 'owner',
        what: 'timeline',
        viewerName: expect.any(String),
      }),
    ]);
    // Looking at one's own timeline is not a "view by someone else".
    await http()
      .get(`/api/v1/reports/timeline?employeeId=${employee.id}&day=2026-11-02`)
      .set(auth(user.accessToken));
    const again = await http().get('/api/v1/me/data-views').set(auth(user.accessToken));
    expect(again.body.total).toBe(1);
    expect((await http().get('/api/v1/audit').set(auth(user.accessToken))).status).toBe(403);
  });

  it('records work schedule and holiday changes and views of one person’s attendance', async () => {
    const post = (url: string, body: object) =>
      http().post(url).set(auth(other.accessToken)).send(body);
    const entries = async (action: string) => {
      const res = await http()
        .get(`/api/v1/audit?action=${action}&pageSize=100`)
        .set(auth(other.accessToken))
        .expect(200);
      return res.body.items as {
        action: string;
        actorUserId: string;
        targetType: string;
        targetId: string | null;
        subjectEmployeeId: string | null;
        details: Record<string, unknown>;
      }[];
    };
    const day = { weekday: 1, start: '09:00', end: '17:00' };
    const schedule = await post('/api/v1/work-schedules', { name: 'Early', days: [day] });
    expect(schedule.status).toBe(201);
    await http()
      .patch(`/api/v1/work-schedules/${schedule.body.id}`)
      .set(auth(other.accessToken))
      .send({ lateAfterMinutes: 10 })
      .expect(200);
    await http()
      .delete(`/api/v1/work-schedules/${schedule.body.id}`)
      .set(auth(other.accessToken))
      .expect(204);
    const holiday = await post('/api/v1/holidays', { date: '2026-05-01', name: 'Secret Day' });
    expect(holiday.status).toBe(201);
    await http()
      .delete(`/api/v1/holidays/${holiday.body.id}`)
      .set(auth(other.accessToken))
      .expect(204);
    const imported = await post('/api/v1/holidays/import', { country: 'DE', year: 2027 });
    expect(imported.status).toBe(201);
    // A refused change is no change: nothing recorded for it.
    await post('/api/v1/holidays', { date: '2026-02-30', name: 'Nope' }).expect(400);

    expect(await entries('work-schedule.created')).toEqual([
      expect.objectContaining({
        actorUserId: other.user.id,
        targetType: 'work-schedule',
        targetId: schedule.body.id,
        details: { fields: ['days', 'name'] },
      }),
    ]);
    expect(await entries('work-schedule.updated')).toEqual([
      expect.objectContaining({
        targetId: schedule.body.id,
        details: { fields: ['lateAfterMinutes'] },
      }),
    ]);
    expect(await entries('work-schedule.deleted')).toEqual([
      expect.objectContaining({ targetId: schedule.body.id }),
    ]);
    expect(await entries('holiday.created')).toEqual([
      expect.objectContaining({ targetId: holiday.body.id, details: { date: '2026-05-01' } }),
    ]);
    expect(await entries('holiday.deleted')).toEqual([
      expect.objectContaining({ targetType: 'holiday', targetId: holiday.body.id }),
    ]);
    expect(await entries('holiday.imported')).toEqual([
      expect.objectContaining({
        details: {
          country: 'DE',
          region: null,
          year: 2027,
          created: imported.body.created.length,
          skipped: 0,
        },
      }),
    ]);
    expect(imported.body.created.length).toBeGreaterThan(5);

    const employee = await createEmployee(ctx.app, other.accessToken, { fullName: 'Ann Attend' });
    await http()
      .get(`/api/v1/reports/attendance?from=2026-03-02&to=2026-03-06&employeeId=${employee.id}`)
      .set(auth(other.accessToken))
      .expect(200);
    await http()
      .get(
        `/api/v1/reports/attendance/totals?from=2026-03-02&to=2026-03-06&employeeId=${employee.id}`,
      )
      .set(auth(other.accessToken))
      .expect(200);
    const views = await entries('data.viewed');
    expect(views.map((v) => [v.subjectEmployeeId, v.details.report])).toEqual(
      expect.arrayContaining([
        [employee.id, 'attendance'],
        [employee.id, 'attendance-totals'],
      ]),
    );
    const log = await http().get('/api/v1/audit?pageSize=100').set(auth(other.accessToken));
    expect(JSON.stringify(log.body)).not.toContain('Secret Day');
  });

  it('verifies the hash chain and finds a tampered, a deleted or a truncated entry', async () => {
    const service = ctx.app.get(AuditService);
    for (let i = 0; i < 5; i++) {
      await service.record({
        organizationId: owner.organization.id,
        action: 'test.entry',
        details: { i },
      });
    }
    const ok = await http().get('/api/v1/audit/verify').set(auth(owner.accessToken));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, brokenAt: null });
    expect(ok.body.entriesChecked).toBe(ok.body.headSeq);

    await ctx.dataSource.query(
      'UPDATE audit_entries SET details = \'{"i":99}\' WHERE organizationId = ? AND seq = 3',
      [owner.organization.id],
    );
    const tampered = await http().get('/api/v1/audit/verify').set(auth(owner.accessToken));
    expect(tampered.body).toMatchObject({
      valid: false,
      brokenAt: { seq: 3, reason: 'hash-mismatch' },
    });
    // Other organizations' chains are their own.
    const theirs = await http().get('/api/v1/audit/verify').set(auth(other.accessToken));
    expect(theirs.body.valid).toBe(true);

    await ctx.dataSource.query('DELETE FROM audit_entries WHERE organizationId = ? AND seq = 3', [
      owner.organization.id,
    ]);
    const gap = await http().get('/api/v1/audit/verify').set(auth(owner.accessToken));
    expect(gap.body).toMatchObject({ valid: false, brokenAt: { seq: 4, reason: 'sequence-gap' } });
  });

  it('keeps appends of one organization in one unbroken chain under concurrency', async () => {
    const service = ctx.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.record({
          organizationId: other.organization.id,
          action: 'test.concurrent',
          details: { i },
        }),
      ),
    );
    const res = await http().get('/api/v1/audit/verify').set(auth(other.accessToken));
    expect(res.body.valid).toBe(true);
    expect(res.body.entriesChecked).toBeGreaterThanOrEqual(20);
  });

  it('refuses bad queries', async () => {
    for (const q of [
      'page=0',
      'pageSize=500',
      'subjectEmployeeId=nope',
      'action=DROP%20TABLE',
      `unknown=${randomUUID()}`,
    ]) {
      const res = await http().get(`/api/v1/audit?${q}`).set(auth(owner.accessToken));
      expect(res.status).toBe(400);
    }
    expect((await http().get('/api/v1/audit')).status).toBe(401);
  });
});
