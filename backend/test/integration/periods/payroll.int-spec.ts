import ExcelJS from 'exceljs';
import type request from 'supertest';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { client, expectProblem, LOCKED, type Org, seedOrganization } from './period-fixtures.js';

// The payroll export: per employee regular hours, overtime, absences by kind, laid out by the
// organization's mapping, written by the worker; a locked month gives its frozen figures.

interface ExportBody {
  id: string;
  status: string;
  progress: number;
  rowCount: number;
  downloadUrl: string;
}

const MAPPING = {
  columns: [
    { field: 'employeeName', header: 'Name' },
    { field: 'periodStart', header: 'Von' },
    { field: 'regularHours', header: 'Regular' },
    { field: 'overtimeHours', header: 'Overtime' },
    { field: 'vacationDays', header: 'Vacation days' },
    { field: 'vacationHours', header: 'Vacation hours' },
    { field: 'sickDays', header: 'Sick days' },
    { field: 'sickHours', header: 'Sick hours' },
    { field: 'otherAbsenceDays', header: 'Other days' },
  ],
  dateFormat: 'DD.MM.YYYY',
  durationFormat: 'decimal-hours',
  decimalSeparator: ',',
  decimals: 2,
  csvDelimiter: ';',
};

describe(`payroll export on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let org: Org;
  let foreign: SignedUp;
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  async function exportFile(
    token: string,
    format: 'csv' | 'xlsx',
    month = LOCKED,
  ): Promise<Buffer> {
    const c = client(ctx, token);
    const created = await c.post('/api/v1/payroll/exports', { month, format }).expect(202);
    expect(created.body).toMatchObject({ report: 'payroll', format, from: `${month}-01` });
    const done = await eventually(async () => {
      const body = (await c.get(`/api/v1/exports/${created.body.id}`).expect(200))
        .body as ExportBody;
      return ['completed', 'failed'].includes(body.status) && body;
    }, 60_000);
    expect(done).toMatchObject({ status: 'completed', progress: 100, rowCount: 2 });
    const file = await binary(c.get(done.downloadUrl)).expect(200);
    return file.body as Buffer;
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    org = await seedOrganization(ctx);
    foreign = await signUp(ctx.app);
  }, 120_000);
  afterAll(async () => {
    await jobs?.close();
    await ctx?.close();
  });

  it('has a default mapping, lists its fields, and saves a mapping (owner/admin only)', async () => {
    const hr = client(ctx, org.hr.accessToken);
    const def = await hr.get('/api/v1/payroll/mapping').expect(200);
    expect(def.body.columns[0]).toEqual({ field: 'employeeId', header: 'Employee ID' });
    const fields = await hr.get('/api/v1/payroll/fields').expect(200);
    expect(fields.body.items).toContainEqual({ field: 'overtimeHours', kind: 'duration' });
    expectProblem(await hr.put('/api/v1/payroll/mapping', MAPPING), 403);
    expectProblem(
      await client(ctx, org.employeeUser.accessToken).get('/api/v1/payroll/mapping'),
      403,
    );
    const saved = await client(ctx, org.admin.accessToken)
      .put('/api/v1/payroll/mapping', MAPPING)
      .expect(200);
    expect(saved.body).toEqual(MAPPING);
    expect((await hr.get('/api/v1/payroll/mapping').expect(200)).body).toEqual(MAPPING);
    // Another organization keeps its default.
    const other = await client(ctx, foreign.accessToken).get('/api/v1/payroll/mapping').expect(200);
    expect(other.body.columns[0].field).toBe('employeeId');
  });

  it('refuses bad mappings with a clear 400 and keeps the saved one', async () => {
    const o = client(ctx, org.owner.accessToken);
    const bad: [object, string][] = [
      [{ ...MAPPING, columns: [{ field: 'salary', header: 'Salary' }] }, 'field must be one of'],
      [
        {
          ...MAPPING,
          columns: [
            { field: 'employeeName', header: 'A' },
            { field: 'sickDays', header: ' a ' },
          ],
        },
        'used twice',
      ],
      [{ ...MAPPING, columns: [{ field: 'employeeName', header: '  ' }] }, 'blank'],
      [{ ...MAPPING, columns: [] }, 'at least one'],
      [
        {
          ...MAPPING,
          columns: Array.from({ length: 31 }, (_, i) => ({ field: 'sickDays', header: `h${i}` })),
        },
        'at most 30',
      ],
      [{ ...MAPPING, columns: [{ field: 'employeeName', header: 'x'.repeat(65) }] }, 'at most 64'],
      [{ ...MAPPING, dateFormat: 'YY' }, 'dateFormat'],
      [{ ...MAPPING, decimals: 9 }, 'decimals'],
      [{ ...MAPPING, csvDelimiter: '|' }, 'csvDelimiter'],
      [{ ...MAPPING, extra: true }, 'extra'],
      [
        { ...MAPPING, columns: [{ field: 'employeeName', header: 'N', nested: { a: 1 } }] },
        'nested',
      ],
    ];
    for (const [body, text] of bad) {
      const res = await o.put('/api/v1/payroll/mapping', body);
      expectProblem(res, 400);
      expect(res.body.detail).toContain(text);
    }
    const huge = await o.put('/api/v1/payroll/mapping', {
      ...MAPPING,
      padding: 'x'.repeat(2_000_000),
    });
    expect([400, 413]).toContain(huge.status);
    expect((await o.get('/api/v1/payroll/mapping').expect(200)).body).toEqual(MAPPING);
    for (const month of ['2026-13', '2026-1', 'x']) {
      expectProblem(await o.post('/api/v1/payroll/exports', { month, format: 'csv' }), 400);
    }
    expectProblem(await o.post('/api/v1/payroll/exports', { month: LOCKED, format: 'pdf' }), 400);
    // Payroll is not a report of the generic export endpoint.
    expectProblem(
      await o.post('/api/v1/exports', {
        report: 'payroll',
        format: 'csv',
        from: '2026-10-01',
        to: '2026-10-31',
      }),
      400,
    );
    expectProblem(
      await client(ctx, org.employeeUser.accessToken).post('/api/v1/payroll/exports', {
        month: LOCKED,
        format: 'csv',
      }),
      403,
    );
  });

  it('writes the CSV with the mapping: regular hours, overtime, absences by kind', async () => {
    const text = (await exportFile(org.hr.accessToken, 'csv')).toString('utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Name;Von;Regular;Overtime;Vacation days;Vacation hours;Sick days;Sick hours;Other days',
    );
    // Berlin: 1, 2, 5, 6 and 27 Oct worked 08:10–16:30 local against 09–17: 8 h regular and 20 min
    // overtime each, plus 2 h on Saturday 10 Oct (all overtime); a sick day on 20 Oct (8 h).
    expect(lines).toContain('Berta Berlin;01.10.2026;40,00;3,67;0;0,00;1;8,00;0');
    // Tokyo: 09:00–19:00 on 1, 2, 15, 30 Oct: 8 h regular + 2 h overtime each; 3 vacation days.
    expect(lines).toContain('Toshi Tokyo;01.10.2026;32,00;8,00;3;24,00;0;0,00;0');
    expect(lines).toHaveLength(3);
  }, 120_000);

  it('locked month: the XLSX holds the frozen figures, whatever changed afterwards', async () => {
    const o = client(ctx, org.owner.accessToken);
    await o.post(`/api/v1/periods/${LOCKED}/lock`).expect(200);
    await o.post('/api/v1/holidays', { date: '2026-10-01', name: 'Late holiday' }).expect(201);
    await o
      .patch(`/api/v1/work-schedules/${org.scheduleId}`, {
        days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '10:00', end: '14:00' })),
      })
      .expect(200);
    const preview = await client(ctx, org.hr.accessToken)
      .post('/api/v1/payroll/preview', { month: LOCKED })
      .expect(200);
    expect(preview.body.locked).toBe(true);
    expect(preview.body.rows).toContainEqual([
      'Toshi Tokyo',
      '01.10.2026',
      '32,00',
      '8,00',
      '3',
      '24,00',
      '0',
      '0,00',
      '0',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportFile(org.hr.accessToken, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(MAPPING.columns.map((c) => c.header));
    const rows = [values(2), values(3)];
    expect(rows).toContainEqual(['Toshi Tokyo', '01.10.2026', 32, 8, 3, 24, 0, 0, 0]);
    expect(rows).toContainEqual(['Berta Berlin', '01.10.2026', 40, 3.67, 0, 0, 1, 8, 0]);
    // An open month uses the live figures: the new schedule (4 h days) applies to November.
    const nov = await client(ctx, org.hr.accessToken)
      .post('/api/v1/payroll/preview', {
        month: '2026-11',
        mapping: { ...MAPPING, durationFormat: 'hh:mm' },
      })
      .expect(200);
    expect(nov.body.locked).toBe(false);
    expect(nov.body.rows).toContainEqual([
      'Toshi Tokyo',
      '01.11.2026',
      '4:00',
      '6:00',
      '0',
      '0:00',
      '0',
      '0:00',
      '0',
    ]);
  }, 120_000);
});
