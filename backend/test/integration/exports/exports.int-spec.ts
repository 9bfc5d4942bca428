import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { SweepProcessor } from '#src/jobs/job-sweeper.js';
import { ReportExportEntity } from '#src/modules/exports/entities/report-export.entity.js';
import { ExportsMaintenance } from '#src/modules/exports/exports-maintenance.js';
import { ExportsService } from '#src/modules/exports/exports.service.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { enrollDevice, sendEvents, type AgentEvent } from '../reports/report-fixtures.js';

const DAY = '2026-03-03';
const DAY_START = Date.parse(`${DAY}T08:00:00Z`);

/** n consecutive active spans of 30 s from 08:00 UTC, with titles chosen to attack spreadsheets. */
function spans(n: number, titles: string[] = ['Report.docx']): AgentEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    kind: 'active' as const,
    start: new Date(DAY_START + i * 30_000).toISOString(),
    end: new Date(DAY_START + (i + 1) * 30_000).toISOString(),
    app: i % 2 === 0 ? 'Code' : 'Excel',
    title: titles[i % titles.length],
  }));
}

interface ExportBody {
  id: string;
  status: string;
  progress: number;
  rowCount: number;
  downloadUrl: string;
}

async function bytes(res: request.Response): Promise<Buffer> {
  return Promise.resolve(res.body as Buffer);
}

describe('report exports', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let stranger: SignedUp;
  let employees: TestEmployee[];
  let teamId: string;
  const http = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (url: string) => http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => http().post(url).set('Authorization', `Bearer ${token}`),
  });
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  async function finished(token: string, id: string): Promise<ExportBody> {
    return eventually(async () => {
      const res = await as(token).get(`/api/v1/exports/${id}`).expect(200);
      const body = res.body as ExportBody;
      return ['completed', 'failed', 'expired'].includes(body.status) && body;
    }, 60_000);
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app, { organizationName: 'Exports Org' });
    stranger = await signUp(ctx.app);
    teamId = (await createTeam(ctx.app, owner.accessToken, 'Support')).id;
    employees = [
      await createEmployee(ctx.app, owner.accessToken, { fullName: 'Ada Plain', teamId }),
      await createEmployee(ctx.app, owner.accessToken, {
        fullName: '=HYPERLINK("http://evil.example")',
      }),
      await createEmployee(ctx.app, owner.accessToken, { fullName: '+1 Plus', teamId }),
    ];
    const attacks = [
      '=cmd|"/c calc"!A1',
      '+SUM(1,2)',
      '-2+3',
      '@SUM(A1)',
      '\tTabbed',
      'Plain title',
    ];
    for (const [i, e] of employees.entries()) {
      const token = await enrollDevice(ctx.app, owner.accessToken, e.email);
      await sendEvents(ctx.app, token, spans(10 + i * 5, attacks));
    }
  }, 120_000);
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  it('summary CSV: 202, progress to 100, a download link, localized, formulas neutralized, one ready mail', async () => {
    const created = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'summary', format: 'csv', from: DAY, to: DAY })
      .expect(202);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'queued', progress: 0 });
    const done = await finished(owner.accessToken, created.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: 100,
      rowCount: 3,
      downloadUrl: `/api/v1/exports/${created.body.id}/file`,
    });
    const file = await binary(as(owner.accessToken).get(done.downloadUrl)).expect(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="calltimex-summary-${DAY}-${DAY}.csv"`,
    );
    const text = (await bytes(file)).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Employee,"Active, h","Idle, h","Productive, h","Neutral, h","Unproductive, h",First activity,Last activity',
    );
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")",0.13,0.00`);
    expect(text).toContain(`'+1 Plus,0.17,0.00`);
    expect(text).toContain(`Ada Plain,0.08,0.00`);
    expect(text).toContain('03/03/2026 08:00:00');
    await drainJobs(ctx);
    const mails: { n: number }[] = await ctx.dataSource.query(
      "SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'export-ready' AND dedupeKey = ?",
      [`export-ready:${created.body.id}`],
    );
    expect(Number(mails[0].n)).toBe(1);
  });

  it('timeline XLSX in Russian: localized headers, numbers as numbers, every formula-like text neutralized', async () => {
    await ctx.dataSource.query('UPDATE users SET locale = ? WHERE id = ?', ['ru', owner.user.id]);
    const created = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'timeline', format: 'xlsx', from: DAY, to: DAY, filters: { teamId } })
      .expect(202);
    const done = await finished(owner.accessToken, created.body.id);
    expect(done.status).toBe('completed');
    const file = await binary(as(owner.accessToken).get(done.downloadUrl)).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes(file)) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Хронология');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Сотрудник',
      'День',
      'Начало',
      'Конец',
      'Длительность, с',
      'Тип',
      'Приложение',
      'Сайт',
      'Заголовок окна',
      'URL',
      'Продуктивность',
    ]);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    // Only the team's two employees (Ada, +1 Plus): 10 + 20 spans, merged where back to back.
    expect(rows.length).toBe(done.rowCount);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Ada Plain', "'+1 Plus"]));
    expect(rows[0][1]).toBe('03.03.2026');
    expect(typeof rows[0][4]).toBe('number');
    for (const r of rows) {
      for (const cell of r) {
        if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const titles = rows.map((r) => r[8]);
    expect(titles).toEqual(
      expect.arrayContaining([
        `'=cmd|"/c calc"!A1`,
        "'+SUM(1,2)",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTabbed",
      ]),
    );
    await ctx.dataSource.query('UPDATE users SET locale = NULL WHERE id = ?', [owner.user.id]);
  });

  it('usage PDF in Ukrainian: a real PDF with Cyrillic text', async () => {
    await ctx.dataSource.query('UPDATE organizations SET locale = ? WHERE id = ?', [
      'uk',
      owner.organization.id,
    ]);
    const created = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'usage', format: 'pdf', from: DAY, to: DAY })
      .expect(202);
    const done = await finished(owner.accessToken, created.body.id);
    expect(done).toMatchObject({ status: 'completed', rowCount: 2 });
    const file = await binary(as(owner.accessToken).get(done.downloadUrl)).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = (await bytes(file)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+Roboto/);
    expect((pdf.match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
    await ctx.dataSource.query('UPDATE organizations SET locale = ? WHERE id = ?', [
      'en',
      owner.organization.id,
    ]);
  });

  it('validates the request', async () => {
    const post = (body: unknown) =>
      as(owner.accessToken)
        .post('/api/v1/exports')
        .send(body as object);
    const good = { report: 'summary', format: 'csv', from: DAY, to: DAY };
    for (const bad of [
      {},
      { ...good, report: 'payroll' },
      { ...good, format: 'docx' },
      { ...good, from: '2026-02-30' },
      { ...good, from: '03/03/2026' },
      { ...good, from: '2026-03-05', to: '2026-03-01' },
      { ...good, from: '2025-01-01', to: '2026-03-03' },
      { ...good, extra: true },
      { ...good, filters: { teamId: 'nope' } },
      { ...good, filters: { teamId, color: 'red' } },
      { ...good, filters: 'all' },
      { ...good, report: 'x'.repeat(10_000) },
      { ...good, from: 20260303 },
    ]) {
      const res = await post(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await post({ ...good, filters: { teamId: randomUUID() } }).expect(404);
    await post({ ...good, filters: { employeeId: randomUUID() } }).expect(404);
    await http().post('/api/v1/exports').send(good).expect(401);
    await as(owner.accessToken).get('/api/v1/exports/not-a-uuid').expect(400);
    await as(owner.accessToken).get(`/api/v1/exports/${randomUUID()}`).expect(404);
  });

  it('only the requester, or someone who sees the whole organization, may read or download it', async () => {
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamId],
    });
    const admin: TestUser = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    const mine = await as(manager.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'summary', format: 'csv', from: DAY, to: DAY })
      .expect(202);
    const done = await finished(manager.accessToken, mine.body.id);
    // A manager's export holds only their teams' people.
    expect(done.rowCount).toBe(2);
    await as(admin.accessToken).get(`/api/v1/exports/${mine.body.id}/file`).expect(200);
    const ownersExport = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'summary', format: 'csv', from: DAY, to: DAY })
      .expect(202);
    await finished(owner.accessToken, ownersExport.body.id);
    await as(manager.accessToken).get(`/api/v1/exports/${ownersExport.body.id}`).expect(404);
    await as(manager.accessToken).get(`/api/v1/exports/${ownersExport.body.id}/file`).expect(404);
    await as(stranger.accessToken).get(`/api/v1/exports/${ownersExport.body.id}`).expect(404);
    await as(stranger.accessToken).get(`/api/v1/exports/${ownersExport.body.id}/file`).expect(404);
    await http().get(`/api/v1/exports/${ownersExport.body.id}/file`).expect(401);
    await as(manager.accessToken)
      .post('/api/v1/exports')
      .send({
        report: 'summary',
        format: 'csv',
        from: DAY,
        to: DAY,
        filters: { employeeId: employees[1].id },
      })
      .expect(404);
    const list = await as(manager.accessToken).get('/api/v1/exports').expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([mine.body.id]);
  });

  /** An export row as the api would have written it, but whose job never reached the queue. */
  async function insertExport(fields: Partial<ReportExportEntity>): Promise<string> {
    const id = randomUUID();
    const old = new Date(Date.now() - 10 * 60_000);
    await ctx.dataSource.getRepository(ReportExportEntity).insert({
      id,
      organizationId: owner.organization.id,
      requestedByUserId: owner.user.id,
      report: 'summary',
      format: 'csv',
      fromDay: DAY,
      toDay: DAY,
      filters: {},
      locale: 'en',
      status: 'queued',
      createdAt: old,
      updatedAt: old,
      ...fields,
    } as never);
    // updatedAt is set by TypeORM on insert; make it old.
    await ctx.dataSource
      .createQueryBuilder()
      .update(ReportExportEntity)
      .set({ updatedAt: () => 'updatedAt' })
      .where('id = :id', { id })
      .execute();
    return id;
  }

  it('a lost export (its job vanished) is queued again by the sweeper and completes', async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    const id = await insertExport({});
    // A running export whose worker died: its lease ran out.
    const dead = await insertExport({
      report: 'usage',
      format: 'xlsx',
      status: 'running',
      progress: 40,
      runs: 1,
      runToken: randomUUID(),
      leaseUntil: old,
    });
    await ctx.app.get(SweepProcessor).sweep();
    expect((await finished(owner.accessToken, id)).status).toBe('completed');
    const revived = await finished(owner.accessToken, dead);
    expect(revived).toMatchObject({ status: 'completed', progress: 100 });
    const row = await ctx.dataSource
      .getRepository(ReportExportEntity)
      .findOneByOrFail({ id: dead });
    expect(row.runs).toBe(2);
    // Done is done: sweeping again changes nothing.
    await ctx.app.get(SweepProcessor).sweep();
    await drainJobs(ctx);
    expect(
      (await ctx.dataSource.getRepository(ReportExportEntity).findOneByOrFail({ id: dead })).runs,
    ).toBe(2);
  });

  it('an export that cannot run is kept as a failed job the admin can list and retry', async () => {
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    // Deactivated before the worker gets to it: the export must not run with rights they lost.
    const exportId = await insertExport({ requestedByUserId: hr.user.id });
    const created = { body: { id: exportId } };
    await ctx.dataSource.query("UPDATE users SET status = 'deactivated' WHERE id = ?", [
      hr.user.id,
    ]);
    await ctx.app.get(ExportsService).enqueue(owner.organization.id, exportId);
    await eventually(async () => {
      const row = await ctx.dataSource
        .getRepository(ReportExportEntity)
        .findOneByOrFail({ id: exportId });
      return row.status === 'failed';
    });
    const failed = await eventually(async () => {
      const res = await as(owner.accessToken).get('/api/v1/jobs/failed').expect(200);
      const items = res.body.items as { id: string }[];
      return items.find((j) => j.id === `export-${created.body.id}`);
    });
    expect(failed).toMatchObject({
      queue: 'exports',
      name: 'export.run',
      attemptsMade: 1,
      data: { organizationId: owner.organization.id, exportId: created.body.id },
    });
    const others = await as(stranger.accessToken).get('/api/v1/jobs/failed').expect(200);
    expect(others.body.items).toEqual([]);
    await as(stranger.accessToken).post(`/api/v1/jobs/failed/${failed.id}/retry`).expect(404);
    const employee = await createUserWithRole(ctx.app, owner.accessToken, 'employee');
    await as(employee.accessToken).get('/api/v1/jobs/failed').expect(403);

    await ctx.dataSource.query("UPDATE users SET status = 'active' WHERE id = ?", [hr.user.id]);
    await as(owner.accessToken)
      .post(`/api/v1/jobs/failed/${failed.id}/retry`)
      .expect(202, { id: failed.id, status: 'waiting' });
    // The row says 'failed' until a worker takes the retried job (its run count goes up).
    await eventually(async () => {
      const row = await ctx.dataSource
        .getRepository(ReportExportEntity)
        .findOneByOrFail({ id: exportId });
      return row.runs > 1;
    });
    expect((await finished(owner.accessToken, created.body.id)).status).toBe('completed');
  });

  it('expired exports are deleted by the scheduled purge', async () => {
    const created = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'summary', format: 'xlsx', from: DAY, to: DAY })
      .expect(202);
    await finished(owner.accessToken, created.body.id);
    const [row]: { filePath: string }[] = await ctx.dataSource.query(
      'SELECT filePath FROM report_exports WHERE id = ?',
      [created.body.id],
    );
    const path = join(ctx.dataDir, 'files', row.filePath);
    expect(existsSync(path)).toBe(true);
    await ctx.dataSource
      .getRepository(ReportExportEntity)
      .update({ id: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });
    await ctx.app.get(ExportsMaintenance).purgeExpired();
    expect(existsSync(path)).toBe(false);
    const res = await as(owner.accessToken).get(`/api/v1/exports/${created.body.id}`).expect(200);
    expect(res.body.status).toBe('expired');
    expect(res.body.downloadUrl).toBeUndefined();
    await as(owner.accessToken).get(`/api/v1/exports/${created.body.id}/file`).expect(404);
  });
});
