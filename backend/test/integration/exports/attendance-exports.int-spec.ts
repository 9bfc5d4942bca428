import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { formatInZone } from '#src/modules/activity/counting/time-zone.js';
import { EXPORT_TEXTS } from '#src/modules/exports/export-texts.js';
import {
  formatDateTime,
  formatDay,
  formatHours,
} from '#src/modules/exports/writers/cell-format.js';
import type { ExportLocale } from '#src/modules/exports/writers/table.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { enrollDevice, sendEvents, type AgentEvent } from '../reports/report-fixtures.js';

// Attendance in report files: the CSV holds exactly the rows of GET /reports/attendance (and of
// /attendance/totals), XLSX and PDF are real files, and a manager's file holds only their teams.

const FROM = '2026-03-02'; // Monday
const TO = '2026-03-08'; // Sunday
const HOLIDAY = '2026-03-06';

interface Row {
  employeeId: string;
  date: string;
  status: keyof (typeof EXPORT_TEXTS)['en']['statuses'];
  scheduledSeconds: number;
  workedSeconds: number;
  arrivedAt: string | null;
  leftAt: string | null;
  lateSeconds: number;
  earlyLeaveSeconds: number;
  overtimeSeconds: number;
}

interface Totals {
  employeeId: string;
  fullName: string;
  scheduledSeconds: number;
  workedSeconds: number;
  overtimeSeconds: number;
  balanceSeconds: number;
  daysScheduled: number;
  daysPresent: number;
  daysLate: number;
  daysAbsent: number;
  daysOnLeave: number;
  daysHoliday: number;
  lateSeconds: number;
  earlyLeaveSeconds: number;
}

function active(start: string, end: string): AgentEvent {
  return { id: randomUUID(), kind: 'active', start: `${start}Z`, end: `${end}Z`, app: 'Editor' };
}

describe(`attendance exports on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let manager: TestUser;
  let ada: TestEmployee;
  let bob: TestEmployee;
  let cleo: TestEmployee;
  let teamA: string;
  let teamB: string;
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

  /** Runs an export to the end and returns the export and its file. */
  async function exported(
    token: string,
    body: object,
  ): Promise<{ rowCount: number; file: Buffer; name: string }> {
    const created = await as(token).post('/api/v1/exports').send(body).expect(202);
    const done = await eventually(async () => {
      const res = await as(token).get(`/api/v1/exports/${created.body.id}`).expect(200);
      const body = res.body as { status: string; rowCount: number; downloadUrl: string };
      return ['completed', 'failed'].includes(body.status) && body;
    }, 60_000);
    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    const res = await binary(as(token).get(done.downloadUrl)).expect(200);
    const name = /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1];
    return { rowCount: done.rowCount, file: res.body as Buffer, name: name ?? '' };
  }

  function csvRows(file: Buffer, delimiter = ','): string[][] {
    const text = file.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(text.slice(1), { delimiter, relax_column_count: false });
    return records;
  }

  /** Every page of the report as the api gives it. */
  async function reportRows(token: string, query = ''): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | undefined;
    do {
      const res = await as(token)
        .get(
          `/api/v1/reports/attendance?from=${FROM}&to=${TO}&limit=5${query}${cursor ? `&cursor=${cursor}` : ''}`,
        )
        .expect(200);
      rows.push(...res.body.rows);
      cursor = res.body.nextCursor;
    } while (cursor);
    return rows;
  }

  const employees = () => [ada, bob, cleo];

  /** A report row as a CSV line shows it: the employee's name, wall-clock times, hours. */
  function asCsv(r: Row, locale: ExportLocale): string[] {
    const e = employees().find((x) => x.id === r.employeeId)!;
    const local = (iso: string | null) =>
      iso === null ? '' : formatDateTime(formatInZone(e.timeZone, Date.parse(iso)), locale);
    return [
      e.fullName,
      formatDay(r.date, locale),
      EXPORT_TEXTS[locale].statuses[r.status],
      formatHours(r.scheduledSeconds, locale),
      formatHours(r.workedSeconds, locale),
      local(r.arrivedAt),
      local(r.leftAt),
      formatHours(r.lateSeconds, locale),
      formatHours(r.earlyLeaveSeconds, locale),
      formatHours(r.overtimeSeconds, locale),
    ];
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app, { organizationName: 'Attendance Exports Org' });
    teamA = (await createTeam(ctx.app, owner.accessToken, 'Alpha')).id;
    teamB = (await createTeam(ctx.app, owner.accessToken, 'Beta')).id;
    ada = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Ada Berlin',
      timeZone: 'Europe/Berlin',
      teamId: teamA,
    });
    bob = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Bob Utc',
      timeZone: 'UTC',
      teamId: teamB,
    });
    cleo = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Cleo York',
      timeZone: 'America/New_York',
      teamId: teamA,
    });
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamA],
    });
    await as(owner.accessToken)
      .post('/api/v1/work-schedules')
      .send({
        name: 'Office',
        days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        default: true,
      })
      .expect(201);
    await as(owner.accessToken)
      .post('/api/v1/holidays')
      .send({ date: HOLIDAY, name: 'Spring day' })
      .expect(201);
    await as(owner.accessToken)
      .post('/api/v1/absences')
      .send({ employeeId: bob.id, from: '2026-03-04', to: '2026-03-04', kind: 'vacation' })
      .expect(201);
    const work: [TestEmployee, AgentEvent[]][] = [
      [
        ada,
        // 09:00–17:00 CET on Monday; 09:30–17:00 on Tuesday (late).
        [
          active('2026-03-02T08:00:00', '2026-03-02T16:00:00'),
          active('2026-03-03T08:30:00', '2026-03-03T16:00:00'),
        ],
      ],
      // 09:00–18:00 EST on Monday: an hour of overtime.
      [cleo, [active('2026-03-02T14:00:00', '2026-03-02T23:00:00')]],
    ];
    for (const [employee, events] of work) {
      const token = await enrollDevice(ctx.app, owner.accessToken, employee.email);
      expect((await sendEvents(ctx.app, token, events)).accepted).toBe(events.length);
    }
  }, 120_000);

  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  it('attendance CSV: exactly the report’s rows, one per employee and day, in English', async () => {
    const { rowCount, file, name } = await exported(owner.accessToken, {
      report: 'attendance',
      format: 'csv',
      from: FROM,
      to: TO,
    });
    expect(name).toBe(`calltimex-attendance-${FROM}-${TO}.csv`);
    const [header, ...rows] = csvRows(file);
    expect(header).toEqual([
      'Employee',
      'Day',
      'Status',
      'Scheduled, h',
      'Worked, h',
      'Arrived',
      'Left',
      'Late, h',
      'Left early, h',
      'Overtime, h',
    ]);
    const report = await reportRows(owner.accessToken);
    expect(report).toHaveLength(21);
    expect(rowCount).toBe(21);
    expect(rows).toEqual(report.map((r) => asCsv(r, 'en')));
    // Checked by hand too: Ada's Monday and late Tuesday, Bob's leave and the holiday.
    expect(rows).toEqual(
      expect.arrayContaining([
        [
          'Ada Berlin',
          '02/03/2026',
          'Present',
          '8.00',
          '8.00',
          '02/03/2026 09:00:00',
          '02/03/2026 17:00:00',
          '0.00',
          '0.00',
          '0.00',
        ],
        [
          'Ada Berlin',
          '03/03/2026',
          'Late',
          '8.00',
          '7.50',
          '03/03/2026 09:30:00',
          '03/03/2026 17:00:00',
          '0.50',
          '0.00',
          '0.00',
        ],
        [
          'Cleo York',
          '02/03/2026',
          'Present',
          '8.00',
          '9.00',
          '02/03/2026 09:00:00',
          '02/03/2026 18:00:00',
          '0.00',
          '0.00',
          '1.00',
        ],
        ['Bob Utc', '04/03/2026', 'On leave', '0.00', '0.00', '', '', '0.00', '0.00', '0.00'],
        ['Bob Utc', '06/03/2026', 'Holiday', '0.00', '0.00', '', '', '0.00', '0.00', '0.00'],
        ['Bob Utc', '07/03/2026', 'Day off', '0.00', '0.00', '', '', '0.00', '0.00', '0.00'],
      ]),
    );
  });

  it('attendance-totals CSV: exactly the totals’ items, a negative balance as a plain number', async () => {
    const { file } = await exported(owner.accessToken, {
      report: 'attendance-totals',
      format: 'csv',
      from: FROM,
      to: TO,
    });
    const [header, ...rows] = csvRows(file);
    expect(header).toEqual([
      'Employee',
      'Scheduled, h',
      'Worked, h',
      'Overtime, h',
      'Balance, h',
      'Scheduled days',
      'Days present',
      'Days late',
      'Days absent',
      'Days on leave',
      'Holidays',
      'Late, h',
      'Left early, h',
    ]);
    const totals = await as(owner.accessToken)
      .get(`/api/v1/reports/attendance/totals?from=${FROM}&to=${TO}`)
      .expect(200);
    const h = (s: number) => formatHours(s, 'en');
    expect(rows).toEqual(
      (totals.body.items as Totals[]).map((t) => [
        t.fullName,
        h(t.scheduledSeconds),
        h(t.workedSeconds),
        h(t.overtimeSeconds),
        h(t.balanceSeconds),
        ...[
          t.daysScheduled,
          t.daysPresent,
          t.daysLate,
          t.daysAbsent,
          t.daysOnLeave,
          t.daysHoliday,
        ].map(String),
        h(t.lateSeconds),
        h(t.earlyLeaveSeconds),
      ]),
    );
    // Ada: Mon–Thu scheduled (Friday is the holiday), 8 + 7.5 h worked.
    expect(rows).toContainEqual([
      'Ada Berlin',
      '32.00',
      '15.50',
      '0.00',
      '-16.50',
      '4',
      '2',
      '1',
      '2',
      '0',
      '1',
      '0.50',
      '0.00',
    ]);
  });

  it('attendance in Russian: translated headers and statuses, the locale’s separators', async () => {
    await ctx.dataSource.query('UPDATE users SET locale = ? WHERE id = ?', ['ru', owner.user.id]);
    try {
      const { file } = await exported(owner.accessToken, {
        report: 'attendance',
        format: 'csv',
        from: FROM,
        to: TO,
        filters: { employeeId: ada.id },
      });
      const [header, ...rows] = csvRows(file, ';');
      expect(header.slice(0, 4)).toEqual(['Сотрудник', 'День', 'Статус', 'По графику, ч']);
      expect(rows).toEqual(
        (await reportRows(owner.accessToken, `&employeeId=${ada.id}`)).map((r) => asCsv(r, 'ru')),
      );
      expect(rows[1].slice(0, 5)).toEqual([
        'Ada Berlin',
        '03.03.2026',
        'Опоздание',
        '8,00',
        '7,50',
      ]);
    } finally {
      await ctx.dataSource.query('UPDATE users SET locale = NULL WHERE id = ?', [owner.user.id]);
    }
  });

  it('XLSX and PDF: real files with every row', async () => {
    const xlsx = await exported(owner.accessToken, {
      report: 'attendance',
      format: 'xlsx',
      from: FROM,
      to: TO,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.file as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Attendance');
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(21);
    const monday = rows.find((r) => r[0] === 'Cleo York' && r[2] === 'Present');
    expect(monday?.slice(3, 5)).toEqual([8, 9]);

    const totals = await exported(owner.accessToken, {
      report: 'attendance-totals',
      format: 'xlsx',
      from: FROM,
      to: TO,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(totals.file as never);
    const ada = [] as unknown[][];
    book.worksheets[0].eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === 'Ada Berlin') ada.push(values);
    });
    expect(ada[0]?.slice(1, 5)).toEqual([32, 15.5, 0, -16.5]);

    for (const report of ['attendance', 'attendance-totals']) {
      const pdf = await exported(owner.accessToken, { report, format: 'pdf', from: FROM, to: TO });
      const text = pdf.file.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
      expect(pdf.rowCount).toBe(report === 'attendance' ? 21 : 3);
    }
  });

  it('a manager’s export holds only their teams, and refuses another team', async () => {
    const { file, rowCount } = await exported(manager.accessToken, {
      report: 'attendance',
      format: 'csv',
      from: FROM,
      to: TO,
    });
    const [, ...rows] = csvRows(file);
    const theirs = await reportRows(manager.accessToken);
    expect(new Set(theirs.map((r) => r.employeeId))).toEqual(new Set([ada.id, cleo.id]));
    expect(rows).toEqual(theirs.map((r) => asCsv(r, 'en')));
    expect(rowCount).toBe(14);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Ada Berlin', 'Cleo York']));

    const totals = await exported(manager.accessToken, {
      report: 'attendance-totals',
      format: 'csv',
      from: FROM,
      to: TO,
    });
    expect(csvRows(totals.file).map((r) => r[0])).toEqual(
      expect.arrayContaining(['Ada Berlin', 'Cleo York']),
    );
    expect(totals.rowCount).toBe(2);

    for (const filters of [{ teamId: teamB }, { employeeId: bob.id }]) {
      const res = await as(manager.accessToken)
        .post('/api/v1/exports')
        .send({ report: 'attendance', format: 'csv', from: FROM, to: TO, filters });
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
    }
  });

  it('refuses an unknown report kind with 400', async () => {
    const res = await as(owner.accessToken)
      .post('/api/v1/exports')
      .send({ report: 'attendance-total', format: 'csv', from: FROM, to: TO });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('attendance-totals');
  });
});
