import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PrivacyRequestEntity } from '#src/modules/privacy/entities/privacy-request.entity.js';
import { PrivacyRequestProcessor } from '#src/modules/privacy/jobs/privacy-request.processor.js';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import {
  binaryParser,
  filesHolding,
  http,
  identifiersOf,
  seedPerson,
  unzip,
  waitForStatus,
  type Person,
} from './privacy-fixtures.js';
import { DAY_MS } from '#src/common/time.js';

describe('privacy requests', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let other: SignedUp;
  let alice: Person;
  let bob: Person;
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const requests = () => ctx.dataSource.getRepository(PrivacyRequestEntity);

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
    alice = await seedPerson(ctx, owner.accessToken, 'Alice');
    bob = await seedPerson(ctx, owner.accessToken, 'Bob');
  });
  afterAll(async () => {
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
  });

  it('files an access request: 201 pending, due 30 days after filing, HR mailed', async () => {
    const before = Date.now();
    const res = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'access', employeeId: bob.employee.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'access', status: 'pending' });
    expect(Object.keys(res.body).sort()).toEqual(['dueAt', 'id', 'status', 'type']);
    const due = new Date(res.body.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS + 1000);
    const mails = await ctx.dataSource.query<{ toEmail: string }[]>(
      "SELECT toEmail FROM mail_messages WHERE template = 'privacy-request-received'",
    );
    expect(mails.map((m) => m.toEmail)).toContain(owner.user.email);
    await waitForStatus(ctx.app, owner.accessToken, res.body.id, ['completed']);
  });

  it('access: a ZIP with the person’s name, email, titles and URLs in JSON and CSV, nobody else’s', async () => {
    for (const [person, note] of [
      [alice, 'Alice dentist 7Q'],
      [bob, 'Bob wedding 9Z'],
    ] as const) {
      const absence = await http(ctx.app)
        .post('/api/v1/absences')
        .set(auth(owner.accessToken))
        .send({
          employeeId: person.employee.id,
          from: '2026-01-12',
          to: '2026-01-13',
          kind: 'vacation',
          note,
        });
      expect(absence.status).toBe(201);
    }
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'access', employeeId: alice.employee.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    expect(done.downloadUrl).toBe(`/api/v1/privacy/requests/${filed.body.id}/download`);
    expect(done.completedAt).toEqual(expect.any(String));

    const zip = await http(ctx.app)
      .get(done.downloadUrl as string)
      .set(auth(owner.accessToken))
      .buffer(true)
      .parse(binaryParser);
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = await unzip(zip.body as Buffer);
    for (const name of [
      'manifest.json',
      'profile.json',
      'devices.json',
      'activity-spans.json',
      'activity-spans.csv',
      'daily-totals.json',
      'notice-acknowledgements.json',
      'policy-acceptances.json',
      'absences.json',
      'audit-entries.json',
    ]) {
      expect(files.has(name)).toBe(true);
    }
    const absences = JSON.parse(files.get('absences.json')!) as {
      absences: { from: string; to: string; kind: string; status: string; note: string }[];
      vacationDaysPerYear: number | null;
    };
    expect(absences.absences).toEqual([
      expect.objectContaining({
        from: '2026-01-12',
        to: '2026-01-13',
        kind: 'vacation',
        status: 'approved',
        note: 'Alice dentist 7Q',
      }),
    ]);
    expect(absences.vacationDaysPerYear).toBeNull();
    const manifest = JSON.parse(files.get('manifest.json')!) as { files: { file: string }[] };
    expect(manifest.files.map((f) => f.file)).toContain('activity-spans.csv');
    const profile = files.get('profile.json')!;
    expect(profile).toContain(alice.employee.email);
    expect(profile).toContain(alice.employee.fullName);
    const spansJson = JSON.parse(files.get('activity-spans.json')!) as {
      title: string | null;
      url: string | null;
    }[];
    expect(spansJson).toHaveLength(3);
    const csv = files.get('activity-spans.csv')!;
    for (const text of [...alice.titles, ...alice.urls]) {
      expect(spansJson.some((s) => s.title === text || s.url === text)).toBe(true);
      expect(csv).toContain(text);
    }
    const everything = [...files.values()].join('\n');
    for (const text of identifiersOf(bob)) expect(everything).not.toContain(text);
    expect(everything).not.toContain(owner.user.email);
    expect(everything).not.toContain('Bob wedding 9Z');
  });

  it('the download needs the bearer token, and another organization sees nothing', async () => {
    const list = await http(ctx.app).get('/api/v1/privacy/requests').set(auth(owner.accessToken));
    expect(list.status).toBe(200);
    const id = (list.body.items as { id: string; type: string }[]).find(
      (r) => r.type === 'access',
    )!.id;
    expect((await http(ctx.app).get(`/api/v1/privacy/requests/${id}/download`)).status).toBe(401);
    for (const path of [
      `/api/v1/privacy/requests/${id}`,
      `/api/v1/privacy/requests/${id}/download`,
    ]) {
      const res = await http(ctx.app).get(path).set(auth(other.accessToken));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(other.accessToken))
      .send({ type: 'erasure', employeeId: alice.employee.id });
    expect(filed.status).toBe(404);
  });

  it('lists requests with overdue flags', async () => {
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'rectification', employeeId: bob.employee.id, note: 'Team is wrong' });
    expect(filed.status).toBe(201);
    await requests().update(filed.body.id, { dueAt: new Date(Date.now() - DAY_MS) });
    const list = await http(ctx.app)
      .get('/api/v1/privacy/requests?status=pending')
      .set(auth(owner.accessToken));
    const row = (list.body.items as { id: string; overdue: boolean; note?: string }[]).find(
      (r) => r.id === filed.body.id,
    );
    expect(row).toMatchObject({ overdue: true, note: 'Team is wrong' });
    const done = await http(ctx.app)
      .post(`/api/v1/privacy/requests/${filed.body.id}/complete`)
      .set(auth(owner.accessToken));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', overdue: false });
  });

  it('reminds the privacy contacts 7 days and 1 day before due, once each', async () => {
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'access', employeeId: bob.employee.id });
    await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    // Reminders are for open requests: put it back as pending, due in 6 days.
    await requests().update(filed.body.id, {
      status: 'pending',
      dueAt: new Date(Date.now() + 6 * DAY_MS),
    });
    const processor = ctx.app.get(PrivacyRequestProcessor);
    expect(await processor.sendReminders(new Date())).toBeGreaterThan(0);
    expect(await processor.sendReminders(new Date())).toBe(0);
    expect(await processor.sendReminders(new Date(Date.now() + 5.5 * DAY_MS))).toBeGreaterThan(0);
    const mails = await ctx.dataSource.query<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'privacy-request-due-soon'",
    );
    expect(Number(mails[0].n)).toBe(2);
    await ctx.dataSource.query("UPDATE privacy_requests SET status = 'completed' WHERE id = ?", [
      filed.body.id,
    ]);
  });

  it('a legal hold refuses erasure with a stated reason', async () => {
    const carol = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Carol Holdfast' });
    const hold = await http(ctx.app)
      .put(`/api/v1/privacy/legal-holds/${carol.id}`)
      .set(auth(owner.accessToken))
      .send({ reason: 'Litigation 2026-114' });
    expect(hold.status).toBe(200);
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: carol.id });
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('pending');
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['rejected']);
    expect(done.rejectionReason).toContain('legal hold');
    expect(done.rejectionReason).toContain('Litigation 2026-114');
    expect(
      (await http(ctx.app).get(`/api/v1/employees/${carol.id}`).set(auth(owner.accessToken)))
        .status,
    ).toBe(200);
    const cleared = await http(ctx.app)
      .delete(`/api/v1/privacy/legal-holds/${carol.id}`)
      .set(auth(owner.accessToken));
    expect(cleared.status).toBe(204);
    const otherOrg = await http(ctx.app)
      .put(`/api/v1/privacy/legal-holds/${carol.id}`)
      .set(auth(other.accessToken))
      .send({ reason: 'x' });
    expect(otherOrg.status).toBe(404);
  });

  it('refuses to erase the only owner, and the sweeper re-queues a request whose job was lost', async () => {
    const olive = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Olive Ownerperson',
      email: owner.user.email,
    });
    await ctx.dataSource.query('UPDATE users SET employeeId = ? WHERE id = ?', [
      olive.id,
      owner.user.id,
    ]);
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: olive.id });
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['rejected']);
    expect(done.rejectionReason).toContain('only owner');
    await ctx.dataSource.query('UPDATE users SET employeeId = NULL WHERE id = ?', [owner.user.id]);

    // A request whose job was lost (never reached the queue, a flushed Redis, a restart in embedded
    // mode) stays pending in the database; the sweeper queues it again.
    const id = randomUUID();
    const now = new Date();
    await requests().insert({
      id,
      organizationId: owner.organization.id,
      employeeId: olive.id,
      type: 'access',
      status: 'pending',
      note: null,
      filedByUserId: owner.user.id,
      dueAt: new Date(now.getTime() + 30 * DAY_MS),
      completedAt: null,
      rejectionReason: null,
      resultFile: null,
      downloadExpiresAt: null,
      verification: null,
      reminded7: false,
      reminded1: false,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    } as never);
    const processor = ctx.app.get(PrivacyRequestProcessor);
    expect(await processor.sweep(new Date())).toBe(0);
    expect(await processor.sweep(new Date(Date.now() + 60 * 60 * 1000))).toBeGreaterThan(0);
    await waitForStatus(ctx.app, owner.accessToken, id, ['completed']);
  });

  it('self-service: an employee files for themself, never for someone else', async () => {
    const dave = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Dave Selfserve' });
    const user = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: dave.id,
    });
    const own = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(user.accessToken))
      .send({ type: 'access', employeeId: dave.id });
    expect(own.status).toBe(201);
    const done = await waitForStatus(ctx.app, user.accessToken, own.body.id, ['completed']);
    const zip = await http(ctx.app)
      .get(done.downloadUrl as string)
      .set(auth(user.accessToken))
      .buffer(true)
      .parse(binaryParser);
    expect(zip.status).toBe(200);
    const forOther = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(user.accessToken))
      .send({ type: 'erasure', employeeId: alice.employee.id });
    expect(forOther.status).toBe(404);
    const list = await http(ctx.app).get('/api/v1/privacy/requests').set(auth(user.accessToken));
    expect(
      (list.body.items as { employeeId: string }[]).every((r) => r.employeeId === dave.id),
    ).toBe(true);
    const hrOnly = await http(ctx.app)
      .post(`/api/v1/privacy/requests/${own.body.id}/reject`)
      .set(auth(user.accessToken))
      .send({ reason: 'no' });
    expect(hrOnly.status).toBe(403);
  });

  it('refuses bad input with 400 problems', async () => {
    const bad: unknown[] = [
      {},
      { type: 'delete', employeeId: alice.employee.id },
      { type: 'access', employeeId: 'not-a-uuid' },
      { type: 'access', employeeId: 42 },
      { type: 'access', employeeId: alice.employee.id, extra: true },
      { type: 'access', employeeId: alice.employee.id, note: 'x'.repeat(2001) },
      [],
    ];
    for (const body of bad) {
      const res = await http(ctx.app)
        .post('/api/v1/privacy/requests')
        .set(auth(owner.accessToken))
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        status: 400,
        title: expect.any(String),
        detail: expect.any(String),
      });
    }
    expect(
      (await http(ctx.app).get('/api/v1/privacy/requests/nope').set(auth(owner.accessToken)))
        .status,
    ).toBe(400);
    expect(
      (
        await http(ctx.app)
          .get(`/api/v1/privacy/requests/${randomUUID()}`)
          .set(auth(owner.accessToken))
      ).status,
    ).toBe(404);
    const unknownEmployee = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: randomUUID() });
    expect(unknownEmployee.status).toBe(404);
    const list = await http(ctx.app)
      .get('/api/v1/privacy/requests?pageSize=9999')
      .set(auth(owner.accessToken));
    expect(list.status).toBe(400);
  });

  it('an access and an erasure of one person filed together: the ZIP and the mails naming them go too', async () => {
    const carol = await seedPerson(ctx, owner.accessToken, 'Carol');
    const [access, erasure] = await Promise.all(
      (['access', 'erasure'] as const).map((type) =>
        http(ctx.app)
          .post('/api/v1/privacy/requests')
          .set(auth(owner.accessToken))
          .send({ type, employeeId: carol.employee.id }),
      ),
    );
    expect([access.status, erasure.status]).toEqual([201, 201]);
    const erased = await waitForStatus(ctx.app, owner.accessToken, erasure.body.id, ['completed']);
    const exported = await waitForStatus(ctx.app, owner.accessToken, access.body.id, [
      'completed',
      'rejected',
    ]);
    await drainJobs(ctx);
    expect((erased.verification as { findings: string[] }).findings).toEqual([]);
    // The access request ran first (a ZIP, then erased) or second (nothing left to export).
    expect(exported.downloadUrl).toBeUndefined();
    const texts = identifiersOf(carol);
    for (const t of texts) {
      const mails = await ctx.dataSource.query<unknown[]>(
        `SELECT 1 FROM mail_messages WHERE params LIKE ? OR toEmail = ?`,
        [`%${t}%`, t],
      );
      expect(mails).toEqual([]);
    }
    expect(filesHolding(ctx.dataDir, texts)).toEqual([]);
  });

  it('erasure: employee 404, device token 401, no report row, nothing in any table or file', async () => {
    const user = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: alice.employee.id,
    });
    const accept = await http(ctx.app)
      .post('/api/v1/auth/login')
      .send({ email: user.user.email, password: user.password });
    expect(accept.status).toBe(200);
    const summaryBefore = await http(ctx.app)
      .get('/api/v1/reports/summary?from=2026-11-01&to=2026-11-03')
      .set(auth(owner.accessToken));
    expect(
      (summaryBefore.body.rows as { employeeId: string }[]).map((r) => r.employeeId),
    ).toContain(alice.employee.id);

    // Exports that hold her: an organization-wide summary (CSV: her name in clear) and her timeline.
    const exportIds: string[] = [];
    for (const body of [
      { report: 'summary', format: 'csv', from: '2026-11-01', to: '2026-11-03' },
      {
        report: 'timeline',
        format: 'csv',
        from: '2026-11-02',
        to: '2026-11-02',
        filters: { employeeId: alice.employee.id },
      },
    ]) {
      const created = await http(ctx.app)
        .post('/api/v1/exports')
        .set(auth(owner.accessToken))
        .send(body);
      expect(created.status).toBeLessThan(300);
      exportIds.push(String((created.body as { id: string }).id));
    }
    await drainJobs(ctx);
    expect(filesHolding(ctx.dataDir, [alice.employee.fullName]).length).toBeGreaterThan(0);

    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: alice.employee.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    for (const id of exportIds) {
      const gone = await http(ctx.app).get(`/api/v1/exports/${id}`).set(auth(owner.accessToken));
      expect(gone.status).toBe(404);
    }
    await drainJobs(ctx);
    const verification = done.verification as {
      passed: boolean;
      findings: string[];
      tablesSearched: number;
    };
    expect(verification.findings).toEqual([]);
    expect(verification.passed).toBe(true);
    expect(verification.tablesSearched).toBeGreaterThan(20);

    expect(
      (
        await http(ctx.app)
          .get(`/api/v1/employees/${alice.employee.id}`)
          .set(auth(owner.accessToken))
      ).status,
    ).toBe(404);
    const events = await http(ctx.app)
      .post('/api/v1/agent/events')
      .set(auth(alice.deviceToken))
      .send({ events: [] });
    expect(events.status).toBe(401);
    expect(
      (await http(ctx.app).get('/api/v1/auth/sessions').set(auth(user.accessToken))).status,
    ).toBe(401);
    const summary = await http(ctx.app)
      .get('/api/v1/reports/summary?from=2026-11-01&to=2026-11-03')
      .set(auth(owner.accessToken));
    const ids = (summary.body.rows as { employeeId: string }[]).map((r) => r.employeeId);
    expect(ids).not.toContain(alice.employee.id);
    expect(ids).toContain(bob.employee.id);

    // No table holds the person: every string column of every entity, on either database.
    const texts = [...identifiersOf(alice), user.user.email];
    const ds = ctx.app.get(DataSource);
    for (const m of ds.entityMetadatas) {
      for (const c of m.columns) {
        if (!['varchar', 'text', 'simple-json'].includes(String(c.type))) continue;
        for (const t of texts) {
          const rows = await ds.query<unknown[]>(
            `SELECT 1 FROM ${ds.driver.escape(m.tableName)} WHERE ${ds.driver.escape(c.databaseName)} LIKE ? LIMIT 1`,
            [`%${t}%`],
          );
          expect(rows).toEqual([]);
        }
      }
    }
    // No file under DATA_DIR (SQLite database, WAL, outbox, exports) holds them.
    expect(filesHolding(ctx.dataDir, texts)).toEqual([]);
    // The fact stays: the request, by id, without name or email.
    const kept = await http(ctx.app)
      .get(`/api/v1/privacy/requests/${filed.body.id}`)
      .set(auth(owner.accessToken));
    expect(kept.status).toBe(200);
    expect(JSON.stringify(kept.body)).not.toContain(alice.employee.email);
    // Bob is untouched.
    expect(
      (await http(ctx.app).get(`/api/v1/employees/${bob.employee.id}`).set(auth(owner.accessToken)))
        .status,
    ).toBe(200);
    expect(
      filesHolding(ctx.dataDir, bob.titles).length + Number(ctx.config.database.type === 'mysql'),
    ).toBeGreaterThan(0);
  });
});
